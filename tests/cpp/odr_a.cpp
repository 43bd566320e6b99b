// Two translation units include the umbrella header and link together: every
// non-template function in a header must be inline (one-definition rule).
#include <danchu/danchu.hpp>

const char* danchu_odr_a() { return danchu::version(); }
