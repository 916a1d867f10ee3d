#include "uno/kyso_service.hpp"

#include "uno/commands.hpp"
#include "uno/token_choice.hpp"
#include "core/workflow/verify_text.hpp"

#include <com/sun/star/lang/XServiceInfo.hpp>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <vn/kyso/KysoException.hpp>
#include <vn/kyso/XKyso.hpp>

#include <memory>

namespace kyso::lo {
namespace {

using namespace css::uno;
using css::beans::PropertyValue;

class KysoService : public cppu::WeakImplHelper2<vn::kyso::XKyso, css::lang::XServiceInfo> {
public:
    explicit KysoService(const Reference<XComponentContext>& context) : context_(context) {}

    OUString SAL_CALL exportDraft(const OUString& url, const Sequence<PropertyValue>& options) override {
        return guarded([&] { return url_from_path(run_on_document(Command::ExportDraft, url, options).output); });
    }
    OUString SAL_CALL signOfficial(const OUString& url, const Sequence<PropertyValue>& options) override {
        return guarded([&] { return url_from_path(run_on_document(Command::SignOfficial, url, options).output); });
    }
    OUString SAL_CALL issue(const OUString& url, const Sequence<PropertyValue>& options) override {
        return guarded([&] { return url_from_path(run_on_document(Command::Issue, url, options).output); });
    }
    vn::kyso::VerifyReport SAL_CALL verify(const OUString& url, const Sequence<PropertyValue>& options) override {
        vn::kyso::VerifyReport out;
        guarded([&] {
            Outcome outcome = run_on_document(Command::Verify, url, options);
            const VerifyReport& r = *outcome.report;
            out.URL = url;
            out.AllValid = r.all_valid();
            out.Verdict = OUString::createFromAscii(verdict_code(r.verdict()));
            out.Revisions = static_cast<sal_Int32>(r.revisions);
            out.UnsignedTailBytes = static_cast<sal_Int32>(r.unsigned_tail_bytes);
            out.Text = ou(outcome.report_text);
            out.Signatures.realloc(static_cast<sal_Int32>(r.signatures.size()));
            for (size_t i = 0; i < r.signatures.size(); ++i) {
                const SignatureVerdict& s = r.signatures[i];
                vn::kyso::SignatureReport& o = out.Signatures.getArray()[i];
                o.Field = ou(s.pdf.field_name);
                o.Signer = ou(s.cms.signer_name.empty() ? s.pdf.name : s.cms.signer_name);
                o.SigningTime = ou(signing_time_text(s));
                o.Revision = s.revision;
                o.CoversWholeFile = s.covers_whole_file;
                o.Valid = s.valid();
                o.Verdict = OUString::createFromAscii(verdict_code(s.verdict()));
                std::string problems;
                for (const std::string& p : s.cms.problems)
                    problems += problem_text_bilingual(p) + "\n";
                if (!s.pdf.byte_range_ok)
                    problems += problem_text_bilingual(s.pdf.byte_range_problem) + "\n";
                o.Problems = ou(problems);
            }
            return OUString();
        });
        return out;
    }

    OUString SAL_CALL getImplementationName() override { return OUString::createFromAscii(kServiceImplName); }
    sal_Bool SAL_CALL supportsService(const OUString& name) override { return cppu::supportsService(this, name); }
    Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return seq<OUString>({"vn.kyso.Kyso"}); }

private:
    struct Result {
        OUString output;
        std::optional<VerifyReport> report;
        std::string report_text;
    };

    // A PDF is worked on as a file; a Writer document is taken from the open ones, or loaded
    // hidden for the call and closed again.
    Outcome run_on_document(Command command, const OUString& url, const Sequence<PropertyValue>& options) {
        Arguments args = parse_arguments(options);
        Env env;
        env.context = context_;
        env.vietnamese = ui_vietnamese(context_);
        env.interactive = false;
        Source source;
        std::unique_ptr<HiddenDocument> loaded;
        if (url.endsWithIgnoreAsciiCase(".pdf")) {
            source.url = url;
            source.kind = DocKind::Pdf;
        } else {
            Reference<css::frame::XModel> model = find_open_document(context_, url);
            if (!model.is()) {
                loaded = std::make_unique<HiddenDocument>(context_, url, true);
                model = loaded->model();
            }
            source = source_of_model(model);
            source.url = url;
        }
        return run_command(env, command, source, args);
    }

    template <class F>
    auto guarded(F&& f) -> decltype(f()) {
        bool vi = true;
        try {
            vi = ui_vietnamese(context_);
            return f();
        } catch (const vn::kyso::KysoException&) {
            throw;
        } catch (const Error& e) {
            throw vn::kyso::KysoException(ou(vi ? e.vietnamese() : e.english()), static_cast<cppu::OWeakObject*>(this),
                                          OUString::createFromAscii(code_name(e.code())), ou(e.vietnamese()),
                                          ou(e.english()), ou(e.cause()));
        } catch (const Cancelled&) {
            throw vn::kyso::KysoException("Cancelled", static_cast<cppu::OWeakObject*>(this), "Cancelled", {}, {}, {});
        } catch (const Exception& e) {
            throw vn::kyso::KysoException(e.Message, static_cast<cppu::OWeakObject*>(this), "Office", e.Message,
                                          e.Message, {});
        } catch (const std::exception& e) {
            OUString what = ou(e.what());
            throw vn::kyso::KysoException(what, static_cast<cppu::OWeakObject*>(this), "Internal", what, what, {});
        }
    }

    Reference<XComponentContext> context_;
};

} // namespace

Reference<XInterface> SAL_CALL create_kyso_service(const Reference<XComponentContext>& context) {
    return static_cast<cppu::OWeakObject*>(new KysoService(context));
}

} // namespace kyso::lo
