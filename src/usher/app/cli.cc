#include "usher/app/cli.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <CLI/CLI.hpp>

#include "usher/app/commands.h"
#include "usher/app/serve.h"

#ifndef USHER_VERSION
#define USHER_VERSION "dev"
#endif

namespace usher::app {
namespace {

constexpr const char* kDefaultDb = "sqlite:usher-data/usher.db";

void AddDb(CLI::App* cmd, std::string& db) {
  cmd->add_option("--db", db, "Database URL: sqlite:PATH")->envname("USHER_DB");
}

// The flag a field error of a command refers to.
std::string FlagOf(const std::string& field) {
  if (field == "default_region") return "--region";
  if (field == "default_language") return "--language";
  std::string flag = "--" + field;
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return flag;
}

// One line that says what went wrong and what to do.
std::string Describe(const Error& e) {
  if (e.kind == ErrorKind::kInvalid && !e.fields.empty()) {
    std::string line = "invalid arguments:";
    for (const auto& f : e.fields) line += " " + FlagOf(f.field) + " (" + f.code + ")";
    return line + "; see 'usher COMMAND --help'";
  }
  return e.message.empty() ? e.code : e.message;
}

}  // namespace

// Logs are single lines of key=value pairs on stderr, times in UTC.
void SetUpLogging() {
  auto logger = spdlog::stderr_logger_mt("usher");
  logger->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);
}

int Main(int argc, char** argv) {
  SetUpLogging();
  CLI::App app{"usher: invite employees by e-mail or SMS and follow every invitation."};
  app.set_version_flag("--version", std::string("usher ") + USHER_VERSION);
  app.require_subcommand(1);
  std::string db = kDefaultDb;

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  AddDb(migrate, db);

  auto* company = app.add_subcommand("company", "Manage companies");
  company->require_subcommand(1);
  CompanyCreateArgs create_args;
  auto* create = company->add_subcommand("create", "Create a company and its first admin");
  create->add_option("--name", create_args.name, "Company name")->required();
  create->add_option("--admin-email", create_args.admin_email, "The admin's login e-mail")
      ->required();
  create
      ->add_option("--admin-password", create_args.admin_password,
                   "The admin's password (10 to 128 characters)")
      ->required();
  create->add_option("--region", create_args.region, "Default phone region (ISO 3166)")
      ->capture_default_str();
  create->add_option("--timezone", create_args.timezone, "IANA time zone")->capture_default_str();
  create->add_option("--language", create_args.language, "Default invitation language")
      ->capture_default_str();
  AddDb(create, db);

  auto* demo = app.add_subcommand("demo", "Create the demo company (idempotent)");
  AddDb(demo, db);

  bool dry_run = false;
  auto* purge = app.add_subcommand("purge", "Erase expired invitations now (SPEC R8)");
  purge->add_flag("--dry-run", dry_run, "Only list what would be erased");
  AddDb(purge, db);

  std::string import_company, import_file;
  bool import_dry_run = false;
  auto* import = app.add_subcommand("import", "Invite the rows of a CSV file (SPEC R17)");
  import->add_option("--company", import_company, "The company's id")->required();
  import->add_option("FILE", import_file, "CSV file (UTF-8, header row)")->required();
  import->add_flag("--dry-run", import_dry_run, "Only check the rows; invite nobody");
  AddDb(import, db);

  ServeArgs serve_args;
  auto* serve = app.add_subcommand("serve", "Serve the HTTP API and run the background work");
  auto* worker = app.add_subcommand("worker", "Run only the background work");
  for (CLI::App* cmd : {serve, worker}) {
    AddDb(cmd, db);
    cmd->add_option("--public-url", serve_args.public_url,
                    "The URL people reach usher at (for the links in messages)")
        ->envname("USHER_PUBLIC_URL");
    cmd->add_option("--smtp", serve_args.delivery.smtp,
                    "smtp://[user:pass@]host:port or smtps://...; without it, mail goes to "
                    "the Maildir")
        ->envname("USHER_SMTP");
    cmd->add_option("--mail-from", serve_args.delivery.mail_from, "Sender: \"Name <addr>\"")
        ->envname("USHER_MAIL_FROM")
        ->capture_default_str();
    cmd->add_option("--maildir", serve_args.delivery.maildir, "Maildir used without --smtp")
        ->envname("USHER_MAILDIR")
        ->capture_default_str();
    cmd->add_option("--delivery-connections", serve_args.delivery.connections,
                    "Messages handed over at once, each on its own SMTP connection (or "
                    "gateway request); a crash may repeat at most this many")
        ->envname("USHER_DELIVERY_CONNECTIONS")
        ->check(CLI::Range(1, 32))
        ->capture_default_str();
    cmd->add_option("--sms-url", serve_args.delivery.sms_url,
                    "Kannel sendsms URL with username and password; without it, SMS go to "
                    "the Maildir")
        ->envname("USHER_SMS_URL");
    cmd->add_option("--share-dir", serve_args.share_dir,
                    "Folder with templates/ and locales/ (default: the built-in one)")
        ->envname("USHER_SHARE_DIR");
    cmd->add_option("--job-interval", serve_args.job_interval_seconds,
                    "Seconds between two looks for due reminders and expired invitations")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
  }
  serve->add_option("--listen", serve_args.listen, "HOST:PORT to listen on")
      ->envname("USHER_LISTEN")
      ->capture_default_str();
  serve->add_flag("--test-clock", serve_args.test_clock,
                  "Let tests move the clock through /api/v1/_test/clock");
  serve
      ->add_option("--trusted-proxy", serve_args.trusted_proxies,
                   "Address of a reverse proxy whose X-Forwarded-For to believe (repeatable)")
      ->envname("USHER_TRUSTED_PROXIES")
      ->delimiter(',');
  serve->add_flag("--no-worker", serve_args.no_worker,
                  "Serve HTTP only; run `usher worker` for the background work");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "usher: " << e.what() << " (run 'usher --help' or 'usher COMMAND --help')"
              << std::endl;
    return 2;
  }

  Status status = Ok();
  if (migrate->parsed()) status = RunMigrate(db);
  if (create->parsed()) {
    create_args.db = db;
    status = RunCompanyCreate(create_args);
  }
  if (demo->parsed()) status = RunDemo(db);
  if (purge->parsed()) status = RunPurge(db, dry_run);
  if (import->parsed()) status = RunImport(db, import_company, import_file, import_dry_run);
  if (serve->parsed() || worker->parsed()) {
    serve_args.db = db;
    status = serve->parsed() ? RunServe(serve_args) : RunWorker(serve_args);
  }
  if (!status) {
    std::cerr << "usher: " << Describe(status.error()) << std::endl;
    return status.error().kind == ErrorKind::kInvalid ? 2 : 1;
  }
  return 0;
}

}  // namespace usher::app
