#include "json_io.h"

#include "plain_bytes.h"


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

void write_json_string(std::string_view s, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  // Bytes that need no escaping are copied in runs: one append per run, not one per byte.
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    i = static_cast<std::size_t>(skip_plain_bytes(s.data() + i, s.data() + s.size()) - s.data());
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
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
