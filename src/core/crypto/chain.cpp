#include "core/crypto/chain.hpp"

namespace kyso {

std::vector<ossl::X509Ptr> issuer_chain(const X509* leaf, const std::vector<const X509*>& candidates) {
    std::vector<ossl::X509Ptr> chain;
    const X509* current = leaf;
    // Bounded: a malformed set of certificates cannot make this loop forever.
    for (size_t depth = 0; depth < candidates.size(); ++depth) {
        if (X509_check_issued(const_cast<X509*>(current), const_cast<X509*>(current)) == X509_V_OK)
            break; // self-signed: the root is in
        const X509* issuer = nullptr;
        for (const X509* candidate : candidates)
            if (X509_cmp(candidate, current) != 0 &&
                X509_check_issued(const_cast<X509*>(candidate), const_cast<X509*>(current)) == X509_V_OK) {
                issuer = candidate;
                break;
            }
        if (!issuer)
            break;
        chain.emplace_back(X509_dup(issuer));
        current = issuer;
    }
    return chain;
}

} // namespace kyso
