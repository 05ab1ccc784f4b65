#include "json_io.h"

#include <nlohmann/json.hpp>

#include <unordered_set>

namespace certcalc {

std::string pointer_append(const std::string& base, const std::string& token) {
  std::string out = base;
  out += '/';
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_append(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

std::string PointerChain::str() const {
  if (!parent) return std::string();
  std::string base = parent->str();
  return key ? pointer_append(base, *key) : pointer_append(base, index);
}

namespace {

using nlohmann::json;

// Builds Values straight from nlohmann's SAX events: no DOM, exact decimals from the
// number's own text, duplicate keys and excessive depth caught where they occur.
class Builder {
 public:
  explicit Builder(std::size_t max_depth) : max_depth_(max_depth) {}

  bool null() { return put(Value()); }
  bool boolean(bool b) { return put(Value::boolean(b)); }
  bool number_integer(json::number_integer_t n) { return put(Value::number(Exact(n))); }
  bool number_unsigned(json::number_unsigned_t n) {
    if (n > static_cast<json::number_unsigned_t>(INT64_MAX))
      return put(Value::unrepresentable_number(std::to_string(n)));
    return put(Value::number(Exact(static_cast<std::int64_t>(n))));
  }
  bool number_float(json::number_float_t, const std::string& text) {
    auto e = Exact::parse(text);
    if (!e) return put(Value::unrepresentable_number(text));
    return put(Value::number(*e));
  }
  bool string(std::string& s) { return put(Value::string(std::move(s))); }
  bool binary(json::binary_t&) { return fail_here("malformed_json", "malformed_json"); }

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
    if (!failure_ && std::string(ex.what()).find("number overflow") != std::string::npos) {
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

void write_number(const Value& v, std::string& out) {
  out += v.as_number().to_decimal(6);
}

void newline(std::string& out, int indent, int level) {
  if (indent < 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * level), ' ');
}

void write_at(const Value& v, std::string& out, int indent, int level) {
  switch (v.kind()) {
    case Value::Kind::Null: out += "null"; return;
    case Value::Kind::Bool: out += v.as_bool() ? "true" : "false"; return;
    case Value::Kind::Number:
      if (v.is_unrepresentable_number())
        out += "null";
      else
        write_number(v, out);
      return;
    case Value::Kind::String: write_json_string(v.as_string(), out); return;
    case Value::Kind::Date:
      out += '"';
      out += v.as_date().to_string();
      out += '"';
      return;
    case Value::Kind::List: {
      const List& items = v.as_list();
      if (items.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, level + 1);
        write_at(items[i], out, indent, level + 1);
      }
      newline(out, indent, level);
      out += ']';
      return;
    }
    case Value::Kind::Object: {
      const Members& members = v.as_object();
      if (members.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, level + 1);
        write_json_string(members[i].first, out);
        out += indent < 0 ? ":" : ": ";
        write_at(members[i].second, out, indent, level + 1);
      }
      newline(out, indent, level);
      out += '}';
      return;
    }
  }
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  auto cont = [&](std::size_t k) {
    return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
  };
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 > 0x8F) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

ParseResult parse_json(std::string_view text, const ParseLimits& limits) {
  ParseResult r;
  if (text.size() > limits.max_bytes) {
    r.failure = make_failure("too_large", "too_large", "",
                             {{"limit", std::to_string(limits.max_bytes)}});
    return r;
  }
  Builder b(limits.max_depth);
  bool ok = json::sax_parse(text.begin(), text.end(), &b, json::input_format_t::json, true, false);
  if (!ok || b.failure()) {
    r.failure = b.failure() ? *b.failure() : make_failure("malformed_json", "malformed_json", "");
    return r;
  }
  r.value = std::move(b.root());
  return r;
}

void write_json_string(std::string_view s, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  // Bytes that need no escaping are copied in runs: one append per run, not one per byte.
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    std::size_t n = c < 0x80 ? 1 : utf8_len(s, i);
    if (c >= 0x80 && n != 0) {
      i += n;
      continue;
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += "\xEF\xBF\xBD";  // invalid UTF-8: U+FFFD
        }
    }
    ++i;
    run = i;
  }
  out.append(s.data() + run, i - run);
  out += '"';
}

void write_json(const Value& v, std::string& out, int indent) { write_at(v, out, indent, 0); }

std::string write_json(const Value& v, int indent) {
  std::string out;
  write_json(v, out, indent);
  return out;
}

}  // namespace certcalc
