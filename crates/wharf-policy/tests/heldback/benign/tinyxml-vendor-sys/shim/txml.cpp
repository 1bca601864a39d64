#include "tinyxml2.h"
#include <cstddef>
using namespace tinyxml2;

extern "C" {
struct txml_doc;
struct txml_elem;

txml_doc *txml_doc_new() { return reinterpret_cast<txml_doc *>(new XMLDocument()); }
void txml_doc_free(txml_doc *d) { delete reinterpret_cast<XMLDocument *>(d); }
int txml_doc_parse(txml_doc *d, const char *xml, size_t len) {
    return reinterpret_cast<XMLDocument *>(d)->Parse(xml, len);
}
txml_elem *txml_doc_root(txml_doc *d) {
    return reinterpret_cast<txml_elem *>(reinterpret_cast<XMLDocument *>(d)->RootElement());
}
const char *txml_elem_name(const txml_elem *e) { return reinterpret_cast<const XMLElement *>(e)->Name(); }
const char *txml_elem_text(const txml_elem *e) { return reinterpret_cast<const XMLElement *>(e)->GetText(); }
const char *txml_elem_attr(const txml_elem *e, const char *n) { return reinterpret_cast<const XMLElement *>(e)->Attribute(n); }
txml_elem *txml_elem_first_child(const txml_elem *e) {
    return reinterpret_cast<txml_elem *>(const_cast<XMLElement *>(reinterpret_cast<const XMLElement *>(e)->FirstChildElement()));
}
txml_elem *txml_elem_next_sibling(const txml_elem *e) {
    return reinterpret_cast<txml_elem *>(const_cast<XMLElement *>(reinterpret_cast<const XMLElement *>(e)->NextSiblingElement()));
}
}
