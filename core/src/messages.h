// Message catalogs: every text the core emits comes from here, by id, in the request's locale.
#pragma once

#include <map>
#include <mutex>
#include <string_view>
#include <string>
#include <vector>

#include "failure.h"
#include "value.h"

namespace certcalc {

/// The locales certcalc ships catalogs for; "en" is the fallback.
const std::vector<std::string>& supported_locales();
bool is_supported_locale(const std::string& locale);

/// Texts by locale and id. Packs carry their own texts ({id: {locale: text}}) which are
/// searched before the core catalogs.
class Catalogs {
 public:
  /// Adds or replaces the texts of one locale from {"locale": "..", "messages": {id: text}}.
  /// Returns false (and changes nothing) when the document has another shape.
  bool add_catalog(const Value& catalog);
  /// Registers a locale's catalog text, parsed when that locale is first needed.
  void add_source(const std::string& locale, std::string_view text);
  /// The text for `id` in `locale`, else in English, else the id itself; {name} placeholders
  /// are replaced by `params`.
  std::string render(const std::string& locale, const std::string& id, const Params& params,
                     const Value* pack_messages = nullptr) const;
  /// A failure's message: its params, and its message_params rendered in the same locale.
  std::string render(const std::string& locale, const Failure& failure,
                     const Value* pack_messages = nullptr) const;
  /// The text render() fills for `id`: the pack's or the catalog's in `locale`, else in
  /// English (`english` then says so: English plural rules); null when there is none
  /// (render() then gives the id itself).
  const std::string* text(const std::string& locale, const std::string& id,
                          const Value* pack_messages = nullptr, bool* english = nullptr) const;
  /// Whether `id` has a text in `locale` (without falling back).
  bool has(const std::string& locale, const std::string& id) const;
  /// Every id of a locale's catalog.
  std::vector<std::string> ids(const std::string& locale) const;

 private:
  const std::map<std::string, std::string>* table(const std::string& locale) const;

  mutable std::map<std::string, std::map<std::string, std::string>> texts_;
  mutable std::map<std::string, std::string_view> sources_;  // not parsed yet
  mutable std::mutex mutex_;
};

/// Replaces {name} by the matching parameter; unknown placeholders stay as they are.
/// `{name, plural, one {# day} other {# days}}` picks the branch for the number in parameter
/// `name` by the plural rules of `locale` (`=N` matches the exact number first; `other` is the
/// fallback; `#` is the number); a block that does not parse stays as it is.
std::string fill_placeholders(const std::string& text, const Params& params,
                              const std::string& locale = "en");

/// The placeholder names a message text uses, in its plural blocks' branches too; false, with
/// `defect` saying what, for a `{` that opens no placeholder and a plural block that
/// fill_placeholders could not read or that has no `other` branch (checked when a pack loads).
bool message_placeholders(std::string_view text, std::vector<std::string>& names, std::string& defect);

/// The CLDR cardinal plural category ("one", "many" or "other") of a number written as
/// decimal text ("1", "0.5", "1,5", "-2") in one of the supported locales; "other" for anything else.
const char* plural_category(const std::string& locale, std::string_view number);

}  // namespace certcalc
