#include "core/pdf/object_skim.hpp"

#include "core/pdf/pdf_chars.hpp"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <climits>

namespace kyso::pdf {

namespace {

// PoDoFo's token buffer holds 4,096 characters and splits a longer token; such a token is
// left to PoDoFo rather than guessed at.
constexpr size_t kLongestToken = 4000;
constexpr int kDeepestNesting = 256;

// PoDoFo's character classes are PDF's (pdf_chars).
bool is_space(char c) { return is_pdf_space(c); }
bool is_regular(char c) { return is_pdf_regular(c); }

enum class Kind { End, Regular, Name, DictOpen, DictClose, ArrayOpen, ArrayClose, String, Other };

struct Token {
    Kind kind = Kind::End;
    std::string_view text;
};

class Lexer {
public:
    Lexer(std::string_view bytes, size_t at) : bytes_(bytes), at_(at) {}

    /// False once something was met that PoDoFo may read otherwise.
    bool sure() const { return sure_; }

    Token next() {
        skip_blanks();
        if (at_ >= bytes_.size())
            return {};
        char c = bytes_[at_];
        size_t start = at_;
        switch (c) {
        case '<':
            if (peek(1) == '<') {
                at_ += 2;
                return {Kind::DictOpen, bytes_.substr(start, 2)};
            }
            return hex_string();
        case '>':
            at_ += peek(1) == '>' ? 2 : 1;
            return {at_ - start == 2 ? Kind::DictClose : Kind::Other, bytes_.substr(start, at_ - start)};
        case '[': ++at_; return {Kind::ArrayOpen, bytes_.substr(start, 1)};
        case ']': ++at_; return {Kind::ArrayClose, bytes_.substr(start, 1)};
        case '(': return literal_string();
        case '/': return name();
        case ')': case '{': case '}': ++at_; return {Kind::Other, bytes_.substr(start, 1)};
        default: return regular();
        }
    }

private:
    char peek(size_t ahead) const { return at_ + ahead < bytes_.size() ? bytes_[at_ + ahead] : '\0'; }

    // White space, and comments up to the end of their line (PoDoFo: comments delimit tokens).
    void skip_blanks() {
        while (at_ < bytes_.size()) {
            char c = bytes_[at_];
            if (is_space(c)) {
                ++at_;
            } else if (c == '%') {
                while (at_ < bytes_.size() && bytes_[at_] != '\r' && bytes_[at_] != '\n')
                    ++at_;
            } else {
                return;
            }
        }
    }

    // The regular characters from here on; a run longer than PoDoFo's token buffer it reads
    // otherwise.
    std::string_view regular_run() {
        size_t start = at_;
        while (at_ < bytes_.size() && is_regular(bytes_[at_]))
            ++at_;
        if (at_ - start > kLongestToken)
            sure_ = false;
        return bytes_.substr(start, at_ - start);
    }

    Token regular() { return {Kind::Regular, regular_run()}; }

    // PoDoFo's ReadName: white space right after '/' is an empty name; a delimiter ends it too
    // (and is read next); a comment right after '/' makes PoDoFo read the next line's token.
    Token name() {
        ++at_;
        if (at_ < bytes_.size() && bytes_[at_] == '%')
            sure_ = false;
        return {Kind::Name, regular_run()};
    }

    // Balanced parentheses need no escape; a backslash escapes the character after it (an
    // octal escape's further digits are plain characters for the balance).
    Token literal_string() {
        size_t start = at_++;
        int balance = 0;
        while (at_ < bytes_.size()) {
            char c = bytes_[at_++];
            if (c == '\\') {
                ++at_;
            } else if (c == '(') {
                ++balance;
            } else if (c == ')') {
                if (balance == 0)
                    return {Kind::String, bytes_.substr(start, at_ - start)};
                --balance;
            }
        }
        sure_ = false; // unterminated: PoDoFo reads to the end of the file
        return {};
    }

    Token hex_string() {
        size_t start = at_++;
        size_t close = bytes_.find('>', at_);
        if (close == std::string_view::npos) {
            sure_ = false;
            at_ = bytes_.size();
            return {};
        }
        at_ = close + 1;
        return {Kind::String, bytes_.substr(start, at_ - start)};
    }

    std::string_view bytes_;
    size_t at_;
    bool sure_ = true;
};

bool starts_with(std::string_view text, const char* prefix) { return text.substr(0, std::strlen(prefix)) == prefix; }

// PoDoFo's DetermineDataType: only digits and signs (and points, for a real).
bool numeric(std::string_view text, bool& real) {
    real = false;
    bool digit = false;
    for (char c : text) {
        if (c == '.')
            real = true;
        else if (std::isdigit(static_cast<unsigned char>(c)))
            digit = true;
        else if (c != '+' && c != '-')
            return false;
    }
    return !text.empty() && (digit || !real); // "." is no real for PoDoFo's stream parser
}

// strtol reads a number at the start of the token (the second element of "N G R").
bool integer_prefix(std::string_view text) {
    size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        ++i;
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
}

// strtol's value of a token of digits and signs (saturating), cast to an object number as
// PoDoFo casts it: "-4294967295 0 R" names object 1.
unsigned object_number(std::string_view text) {
    size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    const unsigned long long limit = negative ? static_cast<unsigned long long>(LONG_MAX) + 1 : LONG_MAX;
    unsigned long long magnitude = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
        magnitude = magnitude > limit / 10 ? limit : std::min(limit, magnitude * 10 + static_cast<unsigned>(text[i] - '0'));
    unsigned long long as_bits = negative ? 0ULL - magnitude : magnitude; // two's complement, as the cast
    return static_cast<unsigned>(as_bits);
}

class Skimmer {
public:
    Skimmer(std::string_view bytes, size_t at, SkimmedObject& out) : lexer_(bytes, at), out_(out) {}

    void run() {
        Token first = take();
        bool ok = first.kind != Kind::End;
        if (ok && !(first.kind == Kind::Regular && starts_with(first.text, "endobj"))) {
            out_.dictionary = first.kind == Kind::DictOpen;
            ok = value(first, 0);
            Token after = take();
            ok = ok && after.kind == Kind::Regular &&
                 (starts_with(after.text, "endobj") || (out_.dictionary && starts_with(after.text, "stream")));
        }
        out_.reliable = ok && lexer_.sure();
    }

private:
    // Tokens read ahead (at most two) wait here, as PoDoFo queues the tokens of an "N G" that
    // is no reference.
    const Token& peek(size_t ahead) {
        while (waiting_ <= ahead)
            ahead_[(first_ + waiting_++) % kAhead] = lexer_.next();
        return ahead_[(first_ + ahead) % kAhead];
    }
    Token take() {
        Token token = peek(0);
        first_ = (first_ + 1) % kAhead;
        --waiting_;
        return token;
    }

    // One value starting with `token`; `level` 0 is the object itself.
    bool value(const Token& token, int level, SkimmedObject::Reference place = {}) {
        if (level > kDeepestNesting)
            return false;
        switch (token.kind) {
        case Kind::Name:
            if (token.text.find('#') != std::string_view::npos)
                out_.escaped_names = true;
            return true;
        case Kind::String:
            return true;
        case Kind::Regular:
            return scalar(token, place);
        case Kind::ArrayOpen:
            for (;;) {
                Token item = take();
                if (item.kind == Kind::ArrayClose)
                    return true;
                if (item.kind == Kind::End || !value(item, level + 1))
                    return false;
            }
        case Kind::DictOpen:
            for (;;) {
                Token key = take();
                if (key.kind == Kind::DictClose)
                    return true;
                if (key.kind != Kind::Name || !value(key, level + 1))
                    return false; // PoDoFo refuses a key that is not a name
                Token item = take();
                if (item.kind == Kind::End)
                    return false;
                bool own = level == 0;
                if (own && key.text == "Kids")
                    out_.has_kids = true;
                if (own && key.text == "Type") {
                    out_.has_type = true;
                    out_.type_is_name = item.kind == Kind::Name;
                    out_.type = out_.type_is_name ? std::string(item.text) : std::string();
                }
                SkimmedObject::Reference entry;
                entry.top_level_parent = own && key.text == "Parent";
                entry.top_level_length = own && key.text == "Length";
                if (!value(item, level + 1, entry))
                    return false;
            }
        default:
            return false; // ">>", ")", "{", ... where a value belongs: PoDoFo throws
        }
    }

    bool scalar(const Token& token, SkimmedObject::Reference place) {
        // PoDoFo compares only the first characters of these keywords.
        if (starts_with(token.text, "null") || starts_with(token.text, "true") || starts_with(token.text, "false"))
            return true;
        bool real = false;
        if (!numeric(token.text, real))
            return false;
        if (real)
            return true;
        // An integer, an integer token and "R" is a reference; otherwise the two tokens after
        // the integer are values of their own, read next.
        const Token& second = peek(0);
        if (second.kind != Kind::Regular || !integer_prefix(second.text))
            return true;
        const Token& third = peek(1);
        if (third.kind != Kind::Regular || third.text != "R")
            return true;
        take();
        take();
        place.number = object_number(token.text);
        out_.references.push_back(place);
        return true;
    }

    static constexpr size_t kAhead = 4;
    Lexer lexer_;
    SkimmedObject& out_;
    Token ahead_[kAhead];
    size_t first_ = 0, waiting_ = 0;
};

} // namespace

SkimmedObject skim_object(std::string_view bytes, size_t offset) {
    SkimmedObject out;
    if (offset >= bytes.size())
        return out;
    Skimmer(bytes, offset, out).run();
    return out;
}

bool certainly_page_leaf(const SkimmedObject& object) {
    return object.reliable && object.dictionary && !object.has_kids && !object.escaped_names &&
           (!object.has_type || (object.type_is_name && object.type != "Pages"));
}

} // namespace kyso::pdf
