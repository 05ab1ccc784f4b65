// The reader certcalc used before its own (core/src/json_parse.cpp): nlohmann's strict SAX
// parser feeding a Value builder. Kept for the tests only, as the reference the new reader is
// held to (same acceptance, same values, same error code and pointer).
#pragma once

#include <nlohmann/json.hpp>

#include <unordered_set>

#include "json_io.h"

namespace certcalc::testing {

using njson = nlohmann::json;

// Builds Values straight from nlohmann's SAX events: no DOM, exact decimals from the
// number's own text, duplicate keys and excessive depth caught where they occur.
class ReferenceBuilder {
 public:
  explicit ReferenceBuilder(std::size_t max_depth) : max_depth_(max_depth) {}

  bool null() { return put(Value()); }
  bool boolean(bool b) { return put(Value::boolean(b)); }
  bool number_integer(njson::number_integer_t n) { return put(Value::number(Exact(n))); }
  bool number_unsigned(njson::number_unsigned_t n) {
    if (n > static_cast<njson::number_unsigned_t>(INT64_MAX))
      return put(Value::unrepresentable_number(std::to_string(n)));
    return put(Value::number(Exact(static_cast<std::int64_t>(n))));
  }
  bool number_float(njson::number_float_t, const std::string& text) {
    auto e = Exact::parse(text);
    if (!e) return put(Value::unrepresentable_number(text));
    return put(Value::number(*e));
  }
  bool string(std::string& s) { return put(Value::string(std::move(s))); }
  bool binary(njson::binary_t&) { return fail_here("malformed_json", "malformed_json"); }

  bool start_object(std::size_t) { return open(true); }
  bool key(std::string& k) {
    Frame& f = frames_.back();
    if (!f.keys.empty()) {
      if (f.keys.count(k)) return duplicate(k);
    } else {
      for (const auto& m : f.members)
        if (m.first == k) return duplicate(k);
    }
    f.key = std::move(k);
    f.has_key = true;
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(false); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& ex) {
    // Valid JSON whose number no machine can hold (1e400) is a field defect, not bad syntax.
    // (Error 406 is that overflow; the first version of this reader looked for the words in
    // the message, which also holds the token: a string reading "number overflow" matched.)
    if (!failure_ && ex.id == 406) {
      failure_ = make_failure("invalid_field", "number_too_large", path(),
                              {{"number", token.substr(0, 40)}});
    }
    if (!failure_) {
      failure_ = make_failure("malformed_json", saw_token_ ? "malformed_json" : "empty_request",
                              path(), {{"position", std::to_string(position)}});
    }
    return false;
  }

  std::optional<Failure>& failure() { return failure_; }
  Value& root() { return root_; }

 private:
  struct Frame {
    bool is_object = false;
    Members members;
    List items;
    std::string key;
    bool has_key = false;
    std::unordered_set<std::string> keys;
  };

  bool open(bool is_object) {
    saw_token_ = true;
    if (frames_.size() >= max_depth_) {
      failure_ = make_failure("too_deep", "too_deep", path(),
                              {{"limit", std::to_string(max_depth_)}});
      return false;
    }
    frames_.emplace_back();
    frames_.back().is_object = is_object;
    return true;
  }

  bool close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (f.is_object) return put(Value::object(std::move(f.members)));
    return put(Value::list(std::move(f.items)));
  }

  bool put(Value v) {
    saw_token_ = true;
    if (frames_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = frames_.back();
    if (f.is_object) {
      f.members.emplace_back(std::move(f.key), std::move(v));
      f.has_key = false;
      // Large objects switch from a linear scan to a set so hostile input stays linear.
      if (!f.keys.empty()) {
        f.keys.insert(f.members.back().first);
      } else if (f.members.size() == 16) {
        for (const auto& m : f.members) f.keys.insert(m.first);
      }
    } else {
      f.items.push_back(std::move(v));
    }
    return true;
  }

  bool duplicate(const std::string& k) {
    failure_ = make_failure("duplicate_key", "duplicate_key", pointer_append(path(), k),
                            {{"key", k}});
    return false;
  }

  bool fail_here(const char* code, const char* id) {
    failure_ = make_failure(code, id, path());
    return false;
  }

  // Pointer to the value being read: the open containers and their current key/index.
  std::string path() const {
    std::string p;
    for (const Frame& f : frames_) {
      if (f.is_object) {
        if (f.has_key) p = pointer_append(p, f.key);
      } else {
        p = pointer_append(p, f.items.size());
      }
    }
    return p;
  }

  std::size_t max_depth_;
  std::vector<Frame> frames_;
  Value root_;
  std::optional<Failure> failure_;
  bool saw_token_ = false;
};

inline ParseResult reference_parse(std::string_view text, const ParseLimits& limits = {}) {
  ParseResult r;
  if (text.size() > limits.max_bytes) {
    r.failure = make_failure("too_large", "too_large", "",
                             {{"limit", std::to_string(limits.max_bytes)}});
    return r;
  }
  ReferenceBuilder b(limits.max_depth);
  bool ok = njson::sax_parse(text.begin(), text.end(), &b, njson::input_format_t::json, true, false);
  if (!ok || b.failure()) {
    r.failure = b.failure() ? *b.failure() : make_failure("malformed_json", "malformed_json", "");
    return r;
  }
  r.value = std::move(b.root());
  return r;
}

/// Values compared member by member in order (Value::equals ignores member order), with
/// unrepresentable numbers by their text.
inline bool same_value(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.is_unrepresentable_number() || b.is_unrepresentable_number())
    return a.is_unrepresentable_number() && b.is_unrepresentable_number() && a.as_string() == b.as_string();
  if (a.is_list()) {
    if (a.as_list().size() != b.as_list().size()) return false;
    for (std::size_t i = 0; i < a.as_list().size(); ++i)
      if (!same_value(a.as_list()[i], b.as_list()[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const Members& x = a.as_object();
    const Members& y = b.as_object();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].first != y[i].first || !same_value(x[i].second, y[i].second)) return false;
    return true;
  }
  return a.equals(b);
}

/// What a reading is held to: accepted, or the error code and pointer (messages carry byte
/// positions, which the two readers count differently).
inline std::string outcome(const ParseResult& r) {
  return r.failure ? r.failure->code + " at '" + r.failure->path + "'" : std::string("ok");
}

/// The one known difference: nlohmann ends a document at a NUL byte and ignores the rest,
/// certcalc refuses the byte (it is not JSON whitespace).
inline bool nul_difference(std::string_view text, const ParseResult& mine, const ParseResult& ref) {
  return text.find('\0') != std::string_view::npos && !ref.failure && mine.failure &&
         mine.failure->code == "malformed_json";
}

}  // namespace certcalc::testing
