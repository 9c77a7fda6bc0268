// A fixture for the ctest layering_rejects_upward_include: core including an
// exercise header must be refused by cmake/check_layers.cmake. Never compiled.
#include "derive/exercise/grader.hpp"
