// Chosen parameter values as one line of text, for addresses and the
// WebAssembly exports: "kernel:3,in_channels:64,bias:true". The analyzer's
// "practise on this layer" writes it, the web trainer puts it in `#/ex/ID?p=`
// and passes it back to the engine, which reads it and builds the question
// with instantiate_with (exercise.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "derive/result.hpp"
#include "derive/value.hpp"

namespace derive {

using GivenParams = std::vector<std::pair<std::string, Value>>;

// Reads "name:value" pairs separated by commas. A value is a whole number
// (an exact count), a decimal number ("0.5", "1e6") or true/false; lists are
// not written this way. Empty text gives no pairs. Errors name the pair and
// what was expected: a pair without ':', an empty name, a value that is not a
// number or true/false, a name given twice.
Result<GivenParams> parse_given(std::string_view text);

// The text parse_given reads back to the same values. REQUIRES: no list values.
std::string given_text(const GivenParams& given);

}  // namespace derive
