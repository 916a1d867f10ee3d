#include "core/pdf/content_lexer.hpp"

#include "core/pdf/pdf_chars.hpp"

namespace kyso::pdf {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

void ContentLexer::skip_space() {
    while (at_ < bytes_.size()) {
        char c = bytes_[at_];
        if (c == '%') { // a comment runs to the end of the line
            while (at_ < bytes_.size() && bytes_[at_] != '\n' && bytes_[at_] != '\r')
                ++at_;
        } else if (is_pdf_space(c)) {
            ++at_;
        } else {
            return;
        }
    }
}

// After the opening '('; nested parentheses balance, backslash escapes as in PDF 32000 7.3.4.2.
void ContentLexer::read_literal(std::string& out) {
    int depth = 1;
    while (at_ < bytes_.size()) {
        char c = bytes_[at_++];
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth == 0)
                return;
        } else if (c == '\\') {
            if (at_ >= bytes_.size())
                break;
            char e = bytes_[at_++];
            switch (e) {
            case 'n': out += '\n'; continue;
            case 'r': out += '\r'; continue;
            case 't': out += '\t'; continue;
            case 'b': out += '\b'; continue;
            case 'f': out += '\f'; continue;
            case '\r': // a line continuation: the end of line is not part of the string
                if (at_ < bytes_.size() && bytes_[at_] == '\n')
                    ++at_;
                continue;
            case '\n': continue;
            default: break;
            }
            if (e >= '0' && e <= '7') {
                int value = e - '0';
                for (int i = 0; i < 2 && at_ < bytes_.size() && bytes_[at_] >= '0' && bytes_[at_] <= '7'; ++i)
                    value = value * 8 + (bytes_[at_++] - '0');
                out += static_cast<char>(value & 0xFF);
                continue;
            }
            out += e; // "\(", "\)", "\\" and an unknown escape: the character itself
            continue;
        } else if (c == '\r') { // an end of line in a string reads as one LF
            if (at_ < bytes_.size() && bytes_[at_] == '\n')
                ++at_;
            c = '\n';
        }
        out += c;
    }
    bad_ = true; // unclosed
}

// After the opening '<'; white space is ignored, an odd final digit counts as followed by 0.
void ContentLexer::read_hex(std::string& out) {
    int high = -1;
    while (at_ < bytes_.size()) {
        char c = bytes_[at_++];
        if (c == '>') {
            if (high >= 0)
                out += static_cast<char>(high << 4);
            return;
        }
        if (is_pdf_space(c))
            continue;
        int v = hex_value(c);
        if (v < 0)
            break;
        if (high < 0) {
            high = v;
        } else {
            out += static_cast<char>(high << 4 | v);
            high = -1;
        }
    }
    bad_ = true;
}

// After the '/': regular characters, "#xx" standing for the byte xx.
void ContentLexer::read_name(std::string& out) {
    while (at_ < bytes_.size() && is_pdf_regular(bytes_[at_])) {
        char c = bytes_[at_++];
        if (c == '#' && at_ + 1 < bytes_.size() && hex_value(bytes_[at_]) >= 0 && hex_value(bytes_[at_ + 1]) >= 0) {
            out += static_cast<char>(hex_value(bytes_[at_]) << 4 | hex_value(bytes_[at_ + 1]));
            at_ += 2;
        } else {
            out += c;
        }
    }
}

bool ContentLexer::next(ContentToken& token) {
    using Kind = ContentToken::Kind;
    token.text.clear();
    if (bad_) {
        token.kind = Kind::Bad;
        return false;
    }
    skip_space();
    if (at_ >= bytes_.size()) {
        token.kind = Kind::End;
        return false;
    }
    char c = bytes_[at_++];
    switch (c) {
    case '(':
        token.kind = Kind::String;
        read_literal(token.text);
        break;
    case '<':
        if (at_ < bytes_.size() && bytes_[at_] == '<') {
            ++at_;
            token.kind = Kind::DictOpen;
        } else {
            token.kind = Kind::String;
            read_hex(token.text);
        }
        break;
    case '>':
        if (at_ < bytes_.size() && bytes_[at_] == '>') {
            ++at_;
            token.kind = Kind::DictClose;
        } else {
            bad_ = true;
        }
        break;
    case '[': token.kind = Kind::ArrayOpen; break;
    case ']': token.kind = Kind::ArrayClose; break;
    case '{': case '}': token.kind = Kind::Word; token.text = c; break; // PostScript procedures (CMaps)
    case '/':
        token.kind = Kind::Name;
        read_name(token.text);
        break;
    case ')':
        bad_ = true;
        break;
    default: {
        size_t start = at_ - 1;
        while (at_ < bytes_.size() && is_pdf_regular(bytes_[at_]))
            ++at_;
        token.kind = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ? Kind::Number : Kind::Word;
        if (token.kind == Kind::Word) // a number's value is never needed: not copied
            token.text.assign(bytes_.substr(start, at_ - start));
        break;
    }
    }
    if (bad_) {
        token.kind = Kind::Bad;
        return false;
    }
    return true;
}

} // namespace kyso::pdf
