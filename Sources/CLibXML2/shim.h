#ifndef GEOTAG_CLIBXML2_SHIM_H
#define GEOTAG_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/// libxml2 reports parse errors through a variadic callback that Swift cannot
/// implement; this installs a silent handler so broken markup never reaches stderr.
static void geotag_xml_silent_error(void *ctx, const char *msg, ...) {
    (void)ctx; (void)msg;
}

static inline void geotag_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, geotag_xml_silent_error);
}
#endif
