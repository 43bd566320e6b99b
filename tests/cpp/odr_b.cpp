#include <danchu/danchu.hpp>

const char* danchu_odr_b() { return danchu::version(); }
