// Google Benchmark of the functions every invitation passes through: e-mail and phone
// normalisation, the whole R1 validation, token hashing, id minting.
#include <benchmark/benchmark.h>

#include "usher/contact/email.h"
#include "usher/contact/phone.h"
#include "usher/invitation/rules.h"
#include "usher/security/random.h"
#include "usher/security/token.h"

namespace {

using namespace usher;

void BM_NormalizeEmail(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(contact::NormalizeEmail("Ana.Peeters@Example.COM"));
}
BENCHMARK(BM_NormalizeEmail);

void BM_NormalizeEmailIdn(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(contact::NormalizeEmail("ana@bücher.example"));
}
BENCHMARK(BM_NormalizeEmailIdn);

void BM_NormalizePhone(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(contact::NormalizePhone("0470 12 34 56", "BE"));
}
BENCHMARK(BM_NormalizePhone);

void BM_ValidateInviteForm(benchmark::State& state) {
  const Languages languages({{"en", "English"}, {"nl", "Nederlands"}});
  invitation::FormContext ctx;
  ctx.languages = &languages;
  ctx.default_region = "BE";
  ctx.known_store_ids = {"s1"};
  ctx.known_group_ids = {"g1"};
  invitation::InviteForm form;
  form.first_name = "Zoë";
  form.last_name = "Ñúñez-李";
  form.email = "zoe.nunez@example.com";
  form.phone = "0470 12 34 56";
  form.role = "manager";
  form.store_ids = {"s1"};
  form.user_group_ids = {"g1"};
  form.language = "nl";
  form.agreement_accepted = true;
  for (auto _ : state) benchmark::DoNotOptimize(invitation::ValidateInviteForm(form, ctx));
}
BENCHMARK(BM_ValidateInviteForm);

void BM_HashToken(benchmark::State& state) {
  const std::string token = security::NewToken();
  for (auto _ : state) benchmark::DoNotOptimize(security::HashToken(token));
}
BENCHMARK(BM_HashToken);

void BM_NewId(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(security::NewId());
}
BENCHMARK(BM_NewId);

}  // namespace

BENCHMARK_MAIN();
