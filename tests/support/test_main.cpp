// The one main() of every test executable: Boost.Test's, linked dynamically.
#define BOOST_TEST_MODULE nnwb
#include <boost/test/unit_test.hpp>
