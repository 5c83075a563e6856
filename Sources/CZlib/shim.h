#ifndef GEOTAG_CZLIB_SHIM_H
#define GEOTAG_CZLIB_SHIM_H
#include <zlib.h>
#endif
