#include "citations.h"

#include <algorithm>
#include <string_view>

#include "same_bytes.h"

namespace certcalc {
namespace {

std::string text_of(const Value& v, const char* key) {
  const Value* s = v.find(key);
  return s && s->is_string() ? s->as_string() : std::string();
}

// The reference in `s` at `open` (a '{'): the id's length, or 0 when the braces are plain text.
std::size_t reference_at(const std::string& s, std::size_t open) {
  std::size_t i = open + 1;
  while (i < s.size() && i - open <= 65) {
    char c = s[i];
    if (c == '}') return i - open - 1;
    if (c == '{' || c == ' ' || c == '\t' || c == '\n' || c == '"') return 0;
    ++i;
  }
  return 0;
}

class Expander {
 public:
  Expander(const std::vector<Citation>& sources, const std::string& pack, Failure& failure)
      : sources_(sources), pack_(pack), failure_(failure) {}

  // Copies only what changes; `changed` tells the caller whether `out` was written.
  bool walk(const Value& v, const PointerChain& at, bool top, Value& out, bool& changed) {
    changed = false;
    if (v.is_string()) return text(v.as_string(), at, out, changed);
    if (v.is_list()) {
      const List& items = v.as_list();
      List copy;
      for (std::size_t i = 0; i < items.size(); ++i) {
        Value r;
        bool c = false;
        if (!walk(items[i], PointerChain{&at, nullptr, i}, false, r, c)) return false;
        if (c && !changed) {
          copy.reserve(items.size());
          copy.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i));
        }
        changed = changed || c;
        if (changed) copy.push_back(c ? std::move(r) : items[i]);
      }
      if (changed) out = Value::list(std::move(copy));
      return true;
    }
    if (v.is_object()) {
      const Members& members = v.as_object();
      Members copy;
      for (std::size_t i = 0; i < members.size(); ++i) {
        const auto& kv = members[i];
        Value r;
        bool c = false;
        if (!skipped(kv.first, top) &&
            !walk(kv.second, PointerChain{&at, &kv.first, 0}, false, r, c))
          return false;
        if (c && !changed) {
          copy.reserve(members.size());
          copy.assign(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(i));
        }
        changed = changed || c;
        if (changed) copy.emplace_back(kv.first, c ? std::move(r) : kv.second);
      }
      if (changed) out = Value::object(std::move(copy));
      return true;
    }
    return true;
  }

 private:
  // Texts whose braces are not citations: message parameters, error paths, plain prose.
  static bool skipped(const std::string& key, bool top) {
    switch (key.size()) {  // every member of a pack passes here
      case 4: return key == "path";
      case 7: return key == "comment" || (top && (key == "sources" || key == "$schema"));
      case 8: return top && key == "messages";
      case 5: return top && key == "notes";
      default: return false;
    }
  }

  bool text(const std::string& s, const PointerChain& at, Value& out, bool& changed) {
    std::size_t open = s.find('{');
    if (open == std::string::npos) return true;
    std::string result;
    std::size_t done = 0;
    for (; open != std::string::npos; open = s.find('{', open + 1)) {
      std::size_t len = reference_at(s, open);
      if (len == 0) continue;
      std::string_view id(s.data() + open + 1, len);
      auto it = std::find_if(sources_.begin(), sources_.end(),
                             [&](const Citation& c) { return c.id == id; });
      if (it == sources_.end()) {
        failure_ = make_failure("invalid_pack", "invalid_pack", at.str(),
                                {{"pack", pack_},
                                 {"detail", "{" + std::string(id) + "} is not one of the pack's sources (declare it under " +
                                            "sources, also when shared data cites it)"}});
        return false;
      }
      if (result.empty()) result.reserve(s.size() + 64);
      result.append(s, done, open - done).append(it->short_title);
      done = open + len + 2;
      open = done - 1;
    }
    if (done == 0) return true;
    result.append(s, done, std::string::npos);
    out = Value::string(std::move(result));
    changed = true;
    return true;
  }

  const std::vector<Citation>& sources_;
  const std::string& pack_;
  Failure& failure_;
};

// The tool names of the sources `text` cites, in the order it cites them; a short title held
// inside a longer one counts once, for the longer.
Value cites_of(const std::string& text, const std::vector<Citation>& sources) {
  struct Hit {
    std::size_t pos, len, source;
  };
  std::vector<Hit> hits;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const std::string& title = sources[k].short_title;
    if (title.empty()) continue;
    for (std::size_t p = text.find(title); p != std::string::npos; p = text.find(title, p + 1))
      hits.push_back({p, title.size(), k});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.len > b.len;
  });
  List names;
  std::vector<bool> named(sources.size(), false);
  std::size_t covered = 0;  // end of the last hit taken
  for (const Hit& h : hits) {
    if (h.pos < covered) continue;
    covered = h.pos + h.len;
    if (named[h.source]) continue;
    named[h.source] = true;
    names.push_back(Value::string(sources[h.source].tool));
  }
  return Value::list(std::move(names));
}

bool add_cites(const Value& v, const std::vector<Citation>& sources, CitesMemo* memo, Value& out) {
  if (v.is_list()) {
    const List& items = v.as_list();
    List copy;
    bool changed = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      Value r;
      bool c = add_cites(items[i], sources, memo, r);
      if (c && !changed) copy.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i));
      changed = changed || c;
      if (changed) copy.push_back(c ? std::move(r) : items[i]);
    }
    if (changed) out = Value::list(std::move(copy));
    return changed;
  }
  if (!v.is_object()) return false;
  const Members& members = v.as_object();
  std::string cited;
  const std::size_t after = cites_place(members, cited);
  Members copy;
  bool changed = after != members.size();
  if (changed) copy.reserve(members.size() + 1);
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& kv = members[i];
    if (kv.first == "cites" && after != members.size()) continue;  // replaced below
    Value r;
    bool c = add_cites(kv.second, sources, memo, r);
    if (c && !changed) copy.assign(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(i));
    changed = changed || c;
    if (changed) copy.emplace_back(kv.first, c ? std::move(r) : kv.second);
    if (i == after) copy.emplace_back("cites", memo ? memo->get(cited, sources) : cites_of(cited, sources));
  }
  if (changed) out = Value::object(std::move(copy));
  return changed;
}

// A relative path that stays where it starts: no root, drive or scheme (:), no .. segment.
bool relative_inside(const std::string& path) {
  if (path.empty()) return true;
  if (path[0] == '/' || path[0] == '\\' || path.find(':') != std::string::npos) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find_first_of("/\\", start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

bool expand_citations(const Value& doc, const std::string& pack, Value& out,
                      std::vector<Citation>& sources, Failure& failure) {
  sources.clear();
  if (const Value* list = doc.find("sources"); list && list->is_list()) {
    for (std::size_t i = 0; i < list->as_list().size(); ++i) {
      const Value& s = list->as_list()[i];
      std::string at = pointer_append("/sources", i);
      Citation c;
      c.id = text_of(s, "id");
      c.short_title = text_of(s, "short");
      if (c.id.empty() || c.short_title.empty()) {
        failure = make_failure("invalid_pack", "invalid_pack", at,
                               {{"pack", pack}, {"detail", "a source needs an id and a short title"}});
        return false;
      }
      bool plain = c.id.size() <= 64 && std::all_of(c.id.begin(), c.id.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
               ch == '+' || ch == '-';
      });
      if (!plain) {
        failure = make_failure("invalid_pack", "invalid_pack", pointer_append(at, "id"),
                               {{"pack", pack},
                                {"detail", "a source id is at most 64 lower-case letters, digits, . _ + -"}});
        return false;
      }
      for (const Citation& seen : sources) {
        if (seen.id == c.id) {
          failure = make_failure("invalid_pack", "invalid_pack", pointer_append(at, "id"),
                                 {{"pack", pack}, {"detail", "two sources have the id " + c.id}});
          return false;
        }
      }
      c.tool = text_of(s, "file");
      // A file of the project's or the pack's own, which tools open: never a path that leaves it.
      if (!relative_inside(c.tool)) {
        failure = make_failure("invalid_pack", "invalid_pack", pointer_append(at, "file"),
                               {{"pack", pack},
                                {"detail", "a source's file is a relative path without .. (a web address goes in url)"}});
        return false;
      }
      if (c.tool.empty()) c.tool = text_of(s, "url");
      if (c.tool.empty()) c.tool = c.id;
      sources.push_back(std::move(c));
    }
  }
  Expander e(sources, pack, failure);
  bool changed = false;
  if (!e.walk(doc, PointerChain{}, true, out, changed)) return false;
  if (!changed) out = doc;
  return true;
}

Value CitesMemo::get(const std::string& text, const std::vector<Citation>& sources) {
  constexpr std::size_t kMaxTexts = 4096;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cites_.find(text);
    if (it != cites_.end()) return it->second;
  }
  Value cites = cites_of(text, sources);
  std::lock_guard<std::mutex> lock(mutex_);
  if (cites_.size() < kMaxTexts) cites_.emplace(text, cites);
  return cites;
}

bool CitesMember::add(const Members& members, std::size_t& after, const char*& key,
                      Value& value) const {
  // Every object of an answer passes here: member names are told apart by length first.
  const std::string* text = nullptr;
  std::string both;  // an object with a rule and a source cites what both cite
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string& name = members[i].first;
    const std::size_t n = name.size();
    if (n == 5 && name == "cites") return false;
    if (((n == 4 && name == "rule") || (n == 6 && name == "source")) && members[i].second.is_string()) {
      if (text) {
        both = *text + '\n' + members[i].second.as_string();
        text = &both;
      } else {
        text = &members[i].second.as_string();
      }
      after = i;
    }
  }
  if (!text) return false;
  // Neighbouring objects often cite alike (a finding's issues, a list of deadlines).
  if (!last_ || *last_text_ != *text) {
    auto it = seen_.find(*text);
    if (it == seen_.end())
      it = seen_.emplace(*text, memo_ ? memo_->get(*text, sources_) : cites_of(*text, sources_)).first;
    last_text_ = &it->first;
    last_ = &it->second;
  }
  key = "cites";
  value = *last_;
  return true;
}

std::size_t cites_place(const Members& members, std::string& cited) {
  std::size_t after = members.size();  // the cites go right after the last citing member
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& kv = members[i];
    const std::string_view key = kv.first;
    if ((same_text(key, "rule") || same_text(key, "source")) && kv.second.is_string()) {  // inline, no memcmp call
      cited += kv.second.as_string();
      cited += '\n';
      after = i;
    }
  }
  return after;
}

Value with_cites(const Value& answer, const std::vector<Citation>& sources, CitesMemo* memo) {
  Value out;
  return add_cites(answer, sources, memo, out) ? out : answer;
}

}  // namespace certcalc
