// Compiles Boost.JSON's implementation into this library, once for the whole program.
#include <boost/json/src.hpp>
