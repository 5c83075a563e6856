#ifndef GEOTAG_CLIBXML2_SHIM_H
#define GEOTAG_CLIBXML2_SHIM_H
/* libxml2 built with ICU makes encoding.h include the system's <unicode/ucnv.h>, whose
 * UErrorCode clashes with the copy of ICU inside Foundation (_FoundationICU), so no
 * Swift file of a module that imports Foundation would compile. Hiding the ICU part
 * only drops the ICU fields at the end of xmlCharEncodingHandler, which geotag never
 * touches (it only ever holds pointers to it); the library itself is unchanged. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
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
