#include "usher/importer/import.h"

#include <algorithm>
#include <map>
#include <set>

#include "usher/base/text.h"
#include "usher/importer/csv.h"

namespace usher::importer {
namespace {

const std::vector<std::string> kColumns = {"first_name",   "last_name",   "email", "phone",
                                           "job_position", "external_id", "role",  "stores",
                                           "user_groups",  "language"};

// The CSV column a field error of the invite form belongs to.
std::string ColumnOf(const std::string& field) {
  if (field == "store_ids") return "stores";
  if (field == "user_group_ids") return "user_groups";
  return field;
}

std::vector<std::string> SplitList(const std::string& cell, char delimiter) {
  std::vector<std::string> out;
  std::string current;
  for (char c : cell + ";") {
    const bool separator = (c == ';' || c == '|' || (c == ',' && delimiter == ';'));
    if (!separator) {
      current.push_back(c);
      continue;
    }
    std::string name = text::Clean(current);
    if (!name.empty()) out.push_back(std::move(name));
    current.clear();
  }
  return out;
}

// Maps names to ids; an unknown name becomes an id no company has, so that validation
// reports it as unknown.
std::vector<std::string> IdsOf(const std::vector<std::string>& names,
                               const std::map<std::string, std::string>& by_name) {
  std::vector<std::string> ids;
  for (const auto& n : names) {
    auto it = by_name.find(text::Fold(n));
    ids.push_back(it != by_name.end() ? it->second : "unknown:" + n);
  }
  return ids;
}

// Rows are checked and written this many at a time: one transaction per batch, short
// enough that other requests hardly wait for the write lock.
constexpr size_t kBatch = 50;

// The end of a batch of rows: what R3 finds against the company's users (dry run) or the
// invitations (real run), then the report.
struct Rows {
  const invitation::Actor& actor;
  bool dry_run;
  invitation::InvitationService& invitations;
  Report& report;

  // `first`: the index of the batch's first record (the header being 0).
  Status Finish(int first, const std::vector<Result<directory::User>>& people,
                std::vector<std::vector<FieldError>>& errors) {
    std::vector<size_t> ready;
    std::vector<directory::User> users;
    for (size_t i = 0; i < people.size(); ++i) {
      if (!errors[i].empty()) continue;
      ready.push_back(i);
      users.push_back(*people[i]);
    }
    if (!users.empty()) {
      std::vector<Status> outcome;
      if (dry_run) {
        auto conflicts = invitations.ConflictsOf(actor, users);
        if (!conflicts) return Fail(conflicts.error());
        outcome = std::move(*conflicts);
      } else {
        auto invited = invitations.InviteMany(actor, users);
        if (!invited) return Fail(invited.error());
        for (auto& r : *invited) outcome.push_back(r ? Ok() : Status(Fail(r.error())));
      }
      for (size_t k = 0; k < ready.size(); ++k) {
        if (outcome[k]) {
          if (!dry_run) ++report.invited;
          continue;
        }
        const Error& e = outcome[k].error();
        if (e.kind != ErrorKind::kConflict && e.kind != ErrorKind::kInvalid) return Fail(e);
        auto& row = errors[ready[k]];
        if (e.fields.empty()) {
          row.push_back({users[k].email ? "email" : "phone", e.code});
        } else {
          for (const auto& f : e.fields) row.push_back({ColumnOf(f.field), f.code});
        }
      }
    }
    for (size_t i = 0; i < people.size(); ++i) {
      if (errors[i].empty()) {
        ++report.valid;
      } else {
        ++report.invalid;
        report.rows.push_back({first + static_cast<int>(i) + 1, std::move(errors[i])});
      }
    }
    return Ok();
  }
};

}  // namespace

Result<Report> ImportService::Import(const invitation::Actor& actor, const std::string& csv,
                                     bool dry_run, bool agreement_accepted) {
  if (!dry_run && !agreement_accepted) {
    return Fail(ValidationError({{"agreement_accepted", "agreement_required"}}));
  }
  auto table = ParseCsv(csv);
  if (!table) return Fail(table.error());
  if (table->records.empty()) {
    return Fail(ErrorKind::kInvalid, "invalid_csv", "The file has no header row.");
  }
  std::map<std::string, size_t> column;
  std::vector<FieldError> header_errors;
  for (size_t i = 0; i < table->records[0].size(); ++i) {
    std::string name = text::AsciiLower(text::Clean(table->records[0][i]));
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
      header_errors.push_back(
          {name.empty() ? "column_" + std::to_string(i + 1) : name, "unknown_column"});
    } else {
      column[name] = i;
    }
  }
  for (const char* required : {"first_name", "last_name", "user_groups", "language"}) {
    if (!column.contains(required)) header_errors.push_back({required, "missing_column"});
  }
  if (!column.contains("email") && !column.contains("phone")) {
    header_errors.push_back({"email", "missing_column"});
  }
  if (!header_errors.empty()) {
    Error e = ValidationError(std::move(header_errors));
    e.code = "invalid_csv";
    e.message = "The header row of the file does not have the expected columns.";
    return Fail(std::move(e));
  }

  std::map<std::string, std::string> stores, groups;  // case-folded name -> id
  auto store_list = directory_.ListStores(actor.company_id);
  if (!store_list) return Fail(store_list.error());
  for (const auto& s : *store_list) stores[text::Fold(s.name)] = s.id;
  auto group_list = directory_.ListGroups(actor.company_id);
  if (!group_list) return Fail(group_list.error());
  for (const auto& g : *group_list) groups[text::Fold(g.name)] = g.id;

  Report report;
  Rows rows{actor, dry_run, invitations_, report};
  std::set<std::string> emails_seen, phones_seen, external_ids_seen;
  const auto cell = [&](const std::vector<std::string>& rec, const char* name) {
    auto it = column.find(name);
    return it == column.end() || it->second >= rec.size() ? std::string() : rec[it->second];
  };
  for (size_t first = 1; first < table->records.size(); first += kBatch) {
    const size_t last = std::min(table->records.size(), first + kBatch);
    std::vector<invitation::InviteForm> forms;
    for (size_t r = first; r < last; ++r) {
      const auto& rec = table->records[r];
      invitation::InviteForm form;
      form.first_name = cell(rec, "first_name");
      form.last_name = cell(rec, "last_name");
      if (auto v = cell(rec, "email"); !v.empty()) form.email = v;
      if (auto v = cell(rec, "phone"); !v.empty()) form.phone = v;
      if (auto v = cell(rec, "job_position"); !v.empty()) form.job_position = v;
      if (auto v = cell(rec, "external_id"); !v.empty()) form.external_id = v;
      if (auto v = cell(rec, "role"); !v.empty()) form.role = text::AsciiLower(text::Clean(v));
      if (auto v = cell(rec, "language"); !v.empty()) {
        form.language = text::AsciiLower(text::Clean(v));
      }
      form.store_ids = IdsOf(SplitList(cell(rec, "stores"), table->delimiter), stores);
      form.user_group_ids = IdsOf(SplitList(cell(rec, "user_groups"), table->delimiter), groups);
      form.agreement_accepted = true;
      forms.push_back(std::move(form));
    }
    auto people = invitations_.ValidateMany(actor, forms);
    if (!people) return Fail(people.error());
    std::vector<std::vector<FieldError>> errors(forms.size());
    for (size_t i = 0; i < forms.size(); ++i) {
      const auto& person = (*people)[i];
      if (!person) {
        if (person.error().kind != ErrorKind::kInvalid) return Fail(person.error());
        for (const auto& e : person.error().fields) {
          errors[i].push_back({ColumnOf(e.field), e.code});
        }
        continue;
      }
      // R3 within the file: the second row with the same address, phone or external id.
      const auto once = [&](std::set<std::string>& seen, const std::optional<std::string>& v,
                            const char* field) {
        if (v && !seen.insert(directory::EmailKey(*v)).second) {
          errors[i].push_back({field, "duplicate_in_file"});
        }
      };
      once(emails_seen, person->email, "email");
      once(phones_seen, person->phone, "phone");
      once(external_ids_seen, person->external_id, "external_id");
    }
    USHER_RETURN_IF_ERROR(rows.Finish(static_cast<int>(first), *people, errors));
  }
  return report;
}

}  // namespace usher::importer
