#include "uno/cancellable.hpp"

#include "uno/form.hpp"

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XReschedule.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <cppuhelper/implbase1.hxx>

#include <atomic>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kyso::lo {
namespace {

using namespace css::uno;
using css::beans::XPropertySet;

constexpr sal_Int32 kWidth = 240, kHeight = 62, kBarMax = 1000;

// What the worker reports and what the window shows, shared between the two threads. Every
// UNO call needs the office's lock, which the main thread holds except while the window runs:
// the worker calls UNO only through `try_uno`, and the main thread, before it waits for the
// worker, closes that door and lets the calls already under way finish.
struct Shared {
    std::mutex lock;
    OUString text;
    sal_Int32 value = 0;
    bool last = false;                 ///< past the last point where a stop is safe
    std::atomic<bool> cancelled{false};
    bool shown = false;                ///< the window was made and runs (under `lock`)
    bool closed = false;               ///< the main thread no longer runs the window (under `lock`)
    std::atomic<int> in_uno{0};        ///< worker calls under way
    Reference<XInterface> model;       ///< the window's model, once made
    Reference<css::awt::XDialog> window;

    /// Runs `call` on the worker when the window runs; false when it did not.
    template <class Call> bool try_uno(Call call) {
        {
            std::lock_guard<std::mutex> guard(lock);
            if (!shown || closed)
                return false;
            ++in_uno;
        }
        try {
            call();
        } catch (const Exception&) {
            // the window is going: the operation goes on
        }
        --in_uno;
        return true;
    }
};

Reference<XPropertySet> part(const Reference<XInterface>& model, const char* name) {
    return Reference<XPropertySet>(
        Reference<css::container::XNameContainer>(model, UNO_QUERY_THROW)->getByName(OUString::createFromAscii(name)),
        UNO_QUERY_THROW);
}

// The window's controls from `shared` (the main thread, or the worker through try_uno).
void show_state(Shared& shared) {
    OUString text;
    sal_Int32 value;
    bool last;
    {
        std::lock_guard<std::mutex> guard(shared.lock);
        text = shared.text;
        value = shared.value;
        last = shared.last;
    }
    if (!shared.cancelled)
        part(shared.model, "step")->setPropertyValue("Label", Any(text));
    part(shared.model, "bar")->setPropertyValue("ProgressValue", Any(value));
    if (last)
        part(shared.model, "cancel")->setPropertyValue("Enabled", Any(false));
}

class CancelButton : public cppu::WeakImplHelper1<css::awt::XActionListener> {
public:
    CancelButton(std::shared_ptr<Shared> shared, OUString stopping)
        : shared_(std::move(shared)), stopping_(std::move(stopping)) {}
    void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override {
        shared_->cancelled = true;
        try {
            part(shared_->model, "step")->setPropertyValue("Label", Any(stopping_));
            part(shared_->model, "cancel")->setPropertyValue("Enabled", Any(false));
        } catch (const Exception&) {
        }
    }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::shared_ptr<Shared> shared_;
    OUString stopping_;
};

// The window: the step, a progress bar and Huỷ (which only asks the operation to stop).
Reference<css::awt::XControl> make_window(const Env& env, Form& form, const std::shared_ptr<Shared>& shared) {
    form.label("step", 6, 6, kWidth - 12, 16, {});
    Reference<XPropertySet> bar = form.add("ProgressBar", "bar", 6, 24, kWidth - 12, 10);
    bar->setPropertyValue("ProgressValueMin", Any(sal_Int32(0)));
    bar->setPropertyValue("ProgressValueMax", Any(kBarMax));
    form.button("cancel", kWidth - 56, kHeight - 20, 50, env.tr("Huỷ", "Cancel"), css::awt::PushButtonType_STANDARD);
    form.control("cancel")->setPropertyValue(
        "HelpText", Any(env.tr("Dừng lại; không tệp nào được ghi.", "Stop; no file is written.")));
    shared->model = form.model();
    return form.make([&](const Reference<css::awt::XControlContainer>& dialog) {
        Reference<css::awt::XButton>(dialog->getControl("cancel"), UNO_QUERY_THROW)
            ->addActionListener(new CancelButton(shared, env.tr("Đang dừng…", "Stopping…")));
    });
}

// Main-thread state: whether an operation runs, and what waits for its end.
struct Busy {
    int running = 0;
    std::vector<std::function<void()>> deferred;
};

Busy& busy() {
    static Busy state;
    return state;
}

// Marks the main thread busy for a run_cancellable; at the end, runs what was deferred.
class BusyScope {
public:
    BusyScope() { ++busy().running; }
    ~BusyScope() {
        if (--busy().running > 0)
            return;
        std::vector<std::function<void()>> jobs;
        jobs.swap(busy().deferred);
        for (const std::function<void()>& job : jobs) {
            try {
                job();
            } catch (...) {
                // a deferred job's failure is its own; the operation's result stands
            }
        }
    }
};

} // namespace

bool defer_while_busy(std::function<void()> job) {
    if (busy().running == 0)
        return false;
    busy().deferred.push_back(std::move(job));
    return true;
}

void run_cancellable(const Env& env, const OUString& title, const OUString& first, std::chrono::milliseconds show_after,
                     const std::function<void(const ProgressSink&)>& work) {
    if (!env.interactive) {
        work({});
        return;
    }
    BusyScope busy_scope; // declared first: its deferred jobs run once the worker has been joined
    auto shared = std::make_shared<Shared>();
    shared->text = first;
    bool vietnamese = env.vietnamese;
    ProgressSink sink = [shared, vietnamese](const ProgressStep& step) {
        {
            std::lock_guard<std::mutex> guard(shared->lock);
            shared->text = ou(vietnamese ? step.vi : step.en);
            shared->value = step.total ? static_cast<sal_Int32>(kBarMax * step.done / step.total) : 0;
            shared->last = step.total && step.done >= step.total;
        }
        shared->try_uno([&] { show_state(*shared); });
        return !shared->cancelled;
    };
    std::promise<void> finished;
    std::future<void> done = finished.get_future();
    std::thread worker([&] {
        try {
            work(sink);
            finished.set_value();
        } catch (...) {
            finished.set_exception(std::current_exception());
        }
        // Ends the window's execute(); when the main thread is not inside it yet, the call
        // waits for the office's lock, which the main thread gives up only inside it.
        shared->try_uno([&] { shared->window->endExecute(); });
    });
    if (done.wait_for(show_after) != std::future_status::ready) {
        try {
            Form form(env, title, kWidth, kHeight);
            Reference<css::awt::XControl> control = make_window(env, form, shared);
            shared->window.set(control, UNO_QUERY_THROW);
            show_state(*shared);
            {
                std::lock_guard<std::mutex> guard(shared->lock);
                shared->shown = true;
            }
            // Escape or the window's close button end execute() too: they mean Huỷ, and the
            // window stays until the operation has stopped.
            while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
                shared->window->execute();
                if (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
                    shared->cancelled = true;
            }
        } catch (const Exception&) {
            // no window: the operation goes on without one
        }
        {
            std::lock_guard<std::mutex> guard(shared->lock);
            shared->closed = true;
        }
        // A worker call under way waits for the office's lock: give it the chance to finish.
        Reference<css::awt::XReschedule> events(css::awt::Toolkit::create(env.context), UNO_QUERY);
        while (shared->in_uno > 0) {
            if (events.is())
                events->reschedule();
            std::this_thread::yield();
        }
        if (shared->window.is())
            Reference<css::lang::XComponent>(shared->window, UNO_QUERY_THROW)->dispose();
    }
    worker.join();
    done.get(); // rethrows what the work threw
}

} // namespace kyso::lo
