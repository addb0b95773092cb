// Compiles Boost.URL's implementation once; Debian 12 ships it as sources only.
#include <boost/url/src.hpp>
