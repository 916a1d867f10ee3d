// kyso register list | next | export | void: the outgoing register (sổ văn bản đi).
#include "cli/commands.hpp"
#include "cli/token_options.hpp"
#include "core/error.hpp"
#include "core/register/ods_export.hpp"
#include "core/register/register_store.hpp"
#include "core/workflow/roles.hpp"

#include <boost/program_options.hpp>

#include <ctime>
#include <iostream>

namespace po = boost::program_options;

namespace kyso::cli {
namespace {

constexpr const char* kUsage =
    "kyso register list   [--register PATH|postgresql://…] [--book NAME] [--year YYYY]\n"
    "kyso register next   [--register …] [--book NAME]        số sẽ cấp tiếp / the number the next issuance takes\n"
    "kyso register export --ods FILE.ods|FILE.fods [--register …] [--book NAME] [--year YYYY]\n"
    "kyso register void   --book NAME --year YYYY --number N --reason TEXT [--register …]\n"
    "Sổ mặc định / default register: $KYSO_REGISTER or ~/.local/share/kyso/register.sqlite\n";

po::options_description register_options() {
    po::options_description options(kUsage);
    options.add_options()("help,h", "trợ giúp / this help")(
        "register", po::value<std::string>(), "tệp SQLite hoặc chuỗi kết nối PostgreSQL / SQLite file or PostgreSQL string")(
        "book", po::value<std::string>(), "sổ / register book (list, export: all books when omitted; others: \"chung\")")(
        "year", po::value<int>(), "năm / year")("number", po::value<int>(), "số / number (void)")(
        "reason", po::value<std::string>(), "lý do huỷ số / why the number is voided")(
        "ods", po::value<std::string>(), "tệp bảng tính / spreadsheet to write");
    return options;
}

std::string get(const po::variables_map& vm, const char* name, const std::string& fallback) {
    return vm.count(name) ? vm[name].as<std::string>() : fallback;
}

int this_year() { return vietnam_date(std::time(nullptr)).year; }

void print(const std::vector<RegisterEntry>& entries) {
    for (const RegisterEntry& e : entries) {
        std::cout << e.book << "\t" << e.year << "\t" << e.number << "\t" << state_name(e.state) << "\t"
                  << (e.number_text.empty() ? "-" : e.number_text) << "\t" << (e.date.empty() ? "-" : e.date) << "\t"
                  << (e.summary.empty() ? "-" : e.summary) << "\t" << (e.signers.empty() ? "-" : e.signers) << "\t"
                  << (e.sha256.empty() ? "-" : e.sha256) << "\t" << e.os_user << "@" << e.host
                  << (e.void_reason.empty() ? "" : "\t" + e.void_reason) << "\n";
    }
    for (const std::string& gap : register_gaps(entries))
        std::cerr << "Số bị bỏ trống / missing numbers in " << gap << "\n";
}

} // namespace

int run_register(const Args& args) {
    po::options_description options = register_options();
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << options << "\n";
        return args.empty() ? 2 : 0;
    }
    std::string action = args[0];
    po::variables_map vm;
    po::store(po::command_line_parser(Args(args.begin() + 1, args.end())).options(options).run(), vm);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return 0;
    }
    std::string location = get(vm, "register", default_register_location());
    std::optional<int> year;
    if (vm.count("year"))
        year = vm["year"].as<int>();

    if (action == "list") {
        print(open_register(location)->list(get(vm, "book", ""), year));
        return 0;
    }
    if (action == "next") {
        std::string book = get(vm, "book", "chung");
        int y = year.value_or(this_year());
        std::cout << next_number(*open_register(location), book, y) << "\n";
        return 0;
    }
    if (action == "export") {
        require_options(vm, {"ods"}, "register export");
        auto store = open_register(location);
        std::string book = get(vm, "book", "");
        std::string title = register_title(*store, book, year);
        std::vector<RegisterEntry> entries = store->list(book, year);
        export_register_ods(entries, title, vm["ods"].as<std::string>());
        std::cout << "Đã xuất / Exported " << entries.size() << " → " << vm["ods"].as<std::string>() << "\n";
        return 0;
    }
    if (action == "void") {
        require_options(vm, {"book", "year", "number", "reason"}, "register void");
        open_register(location)->void_number(vm["book"].as<std::string>(), *year, vm["number"].as<int>(),
                                             vm["reason"].as<std::string>());
        std::cout << "Đã huỷ số / Voided " << vm["number"].as<int>() << "/" << *year << "\n";
        return 0;
    }
    std::cerr << "kyso register: không có lệnh / unknown action \"" << action << "\"\n" << options << "\n";
    return 2;
}

} // namespace kyso::cli
