// Internal to src/core/pdf: the tokens of a content stream or of a CMap (PostScript-like
// syntax: numbers, strings, names, arrays, dictionaries and bare words). A hand-written lexer
// rather than PoDoFo's tokenizer, which builds a variant object per token: the text skim
// (shown_text) passes over every page of a long document and needs only the strings and names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kyso::pdf {

struct ContentToken {
    enum class Kind { End, Number, String, Name, ArrayOpen, ArrayClose, DictOpen, DictClose, Word, Bad };
    Kind kind = Kind::End;
    /// String: its bytes, escapes and hex decoded; Name: without the '/', #xx decoded;
    /// Word: the operator or keyword; Number: empty (its value is not needed).
    std::string text;
};

/// Reads `bytes` token by token. A token it cannot read (an unclosed string, a stray ')' or
/// '>', bytes past an inline image's ID) comes back as Bad; the lexer never throws.
class ContentLexer {
public:
    explicit ContentLexer(std::string_view bytes) : bytes_(bytes) {}
    /// The next token into `token` (its text reused, not reallocated); false at the end.
    bool next(ContentToken& token);

private:
    void skip_space();
    void read_literal(std::string& out);
    void read_hex(std::string& out);
    void read_name(std::string& out);

    std::string_view bytes_;
    size_t at_ = 0;
    bool bad_ = false;
};

} // namespace kyso::pdf
