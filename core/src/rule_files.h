// Rule files given to an engine at run time instead of being compiled in (the browser build:
// each pack and catalog is fetched when a page first needs it). docs/api.md, "Rule assets".
#pragma once

#include <string>
#include <vector>

#include "value.h"

namespace certcalc {

/// Adds every name a {"$shared": name} in `doc` refers to, once each, in order of appearance.
void add_shared_refs(const Value& doc, std::vector<std::string>& names);

/// `texts` ({id: text}) in `locale` merged into `messages` ({id: {locale: text}}): a pack's
/// `messages` or the `data` of a shared message file. Ids the object does not hold are added.
Value merge_texts(const Value& messages, const std::string& locale, const Value& texts);

/// A member of `doc` replaced (or added at the end).
Value with_member(const Value& doc, const std::string& key, Value value);

}  // namespace certcalc
