#ifndef CAPITATION_CLIBXML2_SHIM_H
#define CAPITATION_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its <unicode/*.h> headers clash with Foundation's own ICU module
// ("'UErrorCode' has different definitions in different modules"). Nothing here uses ICU encoders.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>

#endif
