#include "json_io.h"

#include <cstring>

#include "plain_bytes.h"
#include "utf8.h"

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

std::string bounded_pointer(const std::string& path) {
  if (path.size() <= kPathTokenMaxBytes) return path;
  // Tokens are measured as written (escapes counted): what the envelope carries.
  std::size_t kept = 0;
  for (std::size_t at = 0; at < path.size();) {
    std::size_t next = path.find('/', at + 1);
    if (next == std::string::npos) next = path.size();
    if (next - at - 1 > kPathTokenMaxBytes || next > kPathMaxBytes) break;
    kept = at = next;
  }
  return path.substr(0, kept);
}

std::string PointerChain::str() const {
  if (!parent) return std::string();
  std::string base = parent->str();
  return key ? pointer_append(base, *key) : pointer_append(base, index);
}

namespace {

// Collects the answer in 4 KB chunks before appending them to the string: in WASM every
// std::string append is a call into the prebuilt libc++, and an answer is thousands of pieces.
class Sink {
 public:
  explicit Sink(std::string& out) : out_(out) {}
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;
  ~Sink() { flush(); }

  void put(char c) {
    if (n_ == sizeof buf_) flush();
    buf_[n_++] = c;
  }
  void put(const char* p, std::size_t len) {
    if (len > sizeof buf_ - n_) {
      flush();
      if (len >= sizeof buf_) {
        out_.append(p, len);
        return;
      }
    }
    std::memcpy(buf_ + n_, p, len);
    n_ += len;
  }
  void put(std::string_view s) { put(s.data(), s.size()); }
  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }

 private:
  std::string& out_;
  char buf_[4096];
  std::size_t n_ = 0;
};

void newline(Sink& out, int indent, int level) {
  if (indent < 0) return;
  out.put('\n');
  for (int i = 0; i < indent * level; ++i) out.put(' ');
}

void write_string(std::string_view s, Sink& out);

void write_at(const Value& v, Sink& out, int indent, int level, const ExtraMember* extra) {
  switch (v.kind()) {
    case Value::Kind::Null: out.put("null"); return;
    case Value::Kind::Bool: out.put(v.as_bool() ? "true" : "false"); return;
    case Value::Kind::Number:
      if (v.is_unrepresentable_number())
        out.put("null");
      else
        out.put(v.as_number().to_decimal(6));
      return;
    case Value::Kind::String: write_string(v.as_string(), out); return;
    case Value::Kind::Date:
      out.put('"');
      out.put(v.as_date().to_string());
      out.put('"');
      return;
    case Value::Kind::List: {
      const List& items = v.as_list();
      if (items.empty()) {
        out.put("[]");
        return;
      }
      out.put('[');
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out.put(',');
        newline(out, indent, level + 1);
        write_at(items[i], out, indent, level + 1, extra);
      }
      newline(out, indent, level);
      out.put(']');
      return;
    }
    case Value::Kind::Object: {
      const Members& members = v.as_object();
      if (members.empty()) {
        out.put("{}");
        return;
      }
      std::size_t after = members.size();
      const char* added_key = nullptr;
      Value added;
      if (extra && !extra->add(members, after, added_key, added)) after = members.size();
      out.put('{');
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i) out.put(',');
        newline(out, indent, level + 1);
        write_string(members[i].first, out);
        out.put(indent < 0 ? ":" : ": ");
        write_at(members[i].second, out, indent, level + 1, extra);
        if (i == after) {
          out.put(',');
          newline(out, indent, level + 1);
          write_string(added_key, out);
          out.put(indent < 0 ? ":" : ": ");
          write_at(added, out, indent, level + 1, extra);
        }
      }
      newline(out, indent, level);
      out.put('}');
      return;
    }
  }
}

void write_string(std::string_view s, Sink& out) {
  static const char* kHex = "0123456789abcdef";
  out.put('"');
  // Bytes that need no escaping are copied in runs: one put per run, not one per byte.
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    i = static_cast<std::size_t>(skip_plain_bytes(s.data() + i, s.data() + s.size()) - s.data());
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : utf8_sequence_length(s.data() + i, s.data() + s.size());
    if (c >= 0x80 && n != 0) {
      i += n;
      continue;
    }
    out.put(s.data() + run, i - run);
    switch (c) {
      case '"': out.put("\\\""); break;
      case '\\': out.put("\\\\"); break;
      case '\n': out.put("\\n"); break;
      case '\r': out.put("\\r"); break;
      case '\t': out.put("\\t"); break;
      case '\b': out.put("\\b"); break;
      case '\f': out.put("\\f"); break;
      default:
        if (c < 0x20) {
          out.put("\\u00");
          out.put(kHex[c >> 4]);
          out.put(kHex[c & 15]);
        } else {
          out.put("\xEF\xBF\xBD");  // invalid UTF-8: U+FFFD
        }
    }
    ++i;
    run = i;
  }
  out.put(s.data() + run, i - run);
  out.put('"');
}

}  // namespace

void write_json_string(std::string_view s, std::string& out) {
  Sink sink(out);
  write_string(s, sink);
}

void write_json(const Value& v, std::string& out, int indent, const ExtraMember* extra) {
  Sink sink(out);
  write_at(v, sink, indent, 0, extra);
}

std::string write_json(const Value& v, int indent) {
  std::string out;
  write_json(v, out, indent);
  return out;
}

}  // namespace certcalc
