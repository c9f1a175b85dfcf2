// Thin shim over libxml2 for Swift: the includes, and wrappers for what Swift 6 cannot call.
#ifndef CEDUXML2_SHIM_H
#define CEDUXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

/// xmlFree is a global function pointer variable, which Swift 6 strict concurrency rejects.
static inline void eduetl_xml_free(void *pointer) {
    xmlFree(pointer);
}

/// The parser's own last error message, or NULL.
static inline const char *eduetl_xml_last_error_message(xmlParserCtxtPtr ctxt) {
    xmlErrorPtr error = xmlCtxtGetLastError(ctxt);
    return error ? error->message : NULL;
}

static inline int eduetl_xml_last_error_line(xmlParserCtxtPtr ctxt) {
    xmlErrorPtr error = xmlCtxtGetLastError(ctxt);
    return error ? error->line : 0;
}
#endif
