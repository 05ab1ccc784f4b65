// Citations for people and for tools. A pack names each document once under `sources`; its
// texts cite a document as {id}. At load, {id} becomes the document's short title (what people
// read in `rule`); every answer names the cited documents again beside each `rule`/`source`,
// in `cites`, by file name (or url, or id) for tools. docs/rule-language.md, "Sources".
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "failure.h"
#include "json_io.h"
#include "value.h"

namespace certcalc {

/// One declared source: the text a citation of it reads as, and the name tools get.
struct Citation {
  std::string id;
  std::string short_title;
  std::string tool;  ///< `file` when the document is in the source set, else `url`, else `id`
};

/// Reads doc's `sources` and replaces every {id} in the pack's texts by that source's short
/// title. Untouched: `messages`, `sources`, `notes`, and every `comment` and `path` member
/// (their braces are message parameters or plain text). A {name} that names no declared source
/// refuses the pack (invalid_pack, pointer of the text); so do a source without id or short
/// title and two sources with one id. `pack` names the pack in the message.
bool expand_citations(const Value& doc, const std::string& pack, Value& out,
                      std::vector<Citation>& sources, Failure& failure);

/// The `cites` of texts a pack's answers have held, kept with the pack: its rules are written
/// again by every answer (a duration's breakdown cites the same clauses call after call). Calls
/// may run on many threads; computed texts are few, and the memo stops growing at a limit.
class CitesMemo {
 public:
  /// The cites of `text`, computed on first sight.
  Value get(const std::string& text, const std::vector<Citation>& sources);

 private:
  std::mutex mutex_;
  std::map<std::string, Value, std::less<>> cites_;
};

/// The answer with `cites` added beside every string `rule` and `source` member, as
/// CitesMember writes them: for answers built as text (validate) from pieces cited one by one.
Value with_cites(const Value& answer, const std::vector<Citation>& sources, CitesMemo* memo = nullptr);

/// Where with_cites() puts an object's `cites` (right after its last string `rule` or `source`
/// member; members.size() when none), with the text they are worked out from added to `cited`.
std::size_t cites_place(const Members& members, std::string& cited);

/// Given to write_json, writes `cites` right after the (last) string `rule` or `source` member
/// of every object: the tool names of the sources whose short titles the text holds, in the
/// order it cites them. An object that has `cites` already keeps its own. One per answer.
class CitesMember : public ExtraMember {
 public:
  explicit CitesMember(const std::vector<Citation>& sources, CitesMemo* memo = nullptr)
      : sources_(sources), memo_(memo) {}
  bool add(const Members& members, std::size_t& after, const char*& key,
           Value& value) const override;

 private:
  const std::vector<Citation>& sources_;
  CitesMemo* memo_;
  mutable std::map<std::string, Value, std::less<>> seen_;  // answers repeat their rules
  mutable const std::string* last_text_ = nullptr;
  mutable const Value* last_ = nullptr;
};

}  // namespace certcalc
