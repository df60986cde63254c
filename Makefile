# Cadre: build, test and run on Debian 12. `make help` lists the targets.
#
# Every target that compiles first installs missing Debian packages
# (scripts/install_deps.sh: quick and offline when all are present); those that build
# everything also install the npm packages (scripts/install_npm.sh: `npm ci` only when
# node_modules/ is missing or older than package-lock.json), as the build copies the
# NHS.UK frontend into the gateway's web root and the browser tests use playwright-core.
# The machine has 2 cores: builds and tests use -j2 unless JOBS says otherwise.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

BUILD_DIR ?= build
ASAN_DIR ?= build-asan
JOBS ?= 2
# make bench: roles seeded, calls in flight measured at, runs, seconds per measurement
# (see bench/run_registry_bench.sh; TIME_LIMIT and OUT pass through when set).
ROLES ?= 10000
IN_FLIGHT ?= 1,16,64
REPEATS ?= 3
DURATION ?= 5
# make bench-matching: applicants signed up, open roles seeded for the view's load, SignIn
# calls in flight (see bench/run_matching_bench.sh; REPEATS, IN_FLIGHT, DURATION, TIME_LIMIT
# and OUT as for make bench).
APPLICANTS ?= 64
VIEW_ROLES ?= 50000
SIGNIN_IN_FLIGHT ?= 1,2,4
# make bench-applications: open roles seeded, applicants SubmitApplication shares, calls in
# flight of RecommendRoles (with GetRole) and of SubmitApplication, matching's
# --max_live_applications, the acceptance race (see bench/run_applications_bench.sh;
# APPLICANTS, REPEATS, DURATION, TIME_LIMIT and OUT as above).
OPEN_ROLES ?= 50000
SUBMIT_APPLICANTS ?= 320
RECOMMEND_IN_FLIGHT ?= 1,16,64
SUBMIT_IN_FLIGHT ?= 16,64
MAX_LIVE ?= 100
RACE_ROLES ?= 20
RACE_PLACES ?= 3
RACE_IN_FLIGHT ?= 64
# make bench-gateway: open roles seeded (ROLES), GetRole and ListRoles calls in flight over
# gRPC and as JSON through the gateway (IN_FLIGHT), the pages' requests in flight, the
# ListRoles page size, the gateway's request threads (see bench/run_gateway_bench.sh;
# REPEATS, DURATION, TIME_LIMIT and OUT as for make bench).
PAGE_IN_FLIGHT ?= 16
LIST_PAGE_SIZE ?= 20
HTTP_THREADS ?= 64
# make bench-account-pages (issue 9): open roles seeded (ACCOUNT_ROLES), people signed in
# (PEOPLE) with APPLICATIONS applications each, requests in flight (ACCOUNT_IN_FLIGHT); see
# bench/run_account_pages_bench.sh (REPEATS, DURATION, TIME_LIMIT and OUT as for make bench).
ACCOUNT_ROLES ?= 2000
PEOPLE ?= 50
APPLICATIONS ?= 20
ACCOUNT_IN_FLIGHT ?= 16
# make bench-staff-pages (issue 10): applicants to the one role (STAFF_APPLICANTS), requests
# and gRPC calls in flight (STAFF_IN_FLIGHT); see bench/run_staff_pages_bench.sh (REPEATS,
# DURATION, TIME_LIMIT and OUT as for make bench).
STAFF_APPLICANTS ?= 500
STAFF_IN_FLIGHT ?= 16
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer

# ccache hits across checkouts in different folders (a CI clone reuses a developer's
# cache): paths are hashed relative to the checkout. Override from the environment.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

# Our C++ sources, for clang-format.
CXX_SOURCES = $(shell find services tools tests bench -type f \( -name '*.h' -o -name '*.cc' \) 2>/dev/null)

.PHONY: help deps npm configure build run test test-sanitize bench bench-matching bench-applications \
	bench-gateway bench-account-pages bench-staff-pages \
	format format-check \
	compose-config compose-secrets clean clean-data tidy

help:
	@echo "make run            build, start Redis (AOF in .run/redis/), every service and the"
	@echo "                    gateway (web pages on http://127.0.0.1:8080/), load demo data,"
	@echo "                    print endpoints; Ctrl-C stops all"
	@echo "                    (REDIS_FSYNC=always, REDIS_PORT=6380 to change)"
	@echo "make test           build and run every test (ctest; needs no running Redis), with"
	@echo "                    the browser tests (Debian's chromium, npm's playwright-core)"
	@echo "make build          install missing packages (Debian, npm), build Release into $(BUILD_DIR)/"
	@echo "make test-sanitize  ASan+UBSan Debug build in $(ASAN_DIR)/, unit and integration tests"
	@echo "make bench          build cadre-registry and registry_bench, run the registry benchmark"
	@echo "                    against a no-op service (bench/run_registry_bench.sh, BENCHMARKS.md);"
	@echo "                    about 5 minutes with the defaults ROLES=$(ROLES) IN_FLIGHT=$(IN_FLIGHT)"
	@echo "                    REPEATS=$(REPEATS) DURATION=$(DURATION) (seconds per measurement);"
	@echo "                    also TIME_LIMIT=seconds, OUT=summary.md. E.g. make bench ROLES=100000"
	@echo "make bench-matching build cadre-registry, cadre-matching and matching_bench, run the matching"
	@echo "                    benchmark (bench/run_matching_bench.sh, BENCHMARKS.md): GetMyProfile"
	@echo "                    against a no-op service, SignIn and scrypt's cost, the view's load of"
	@echo "                    open roles; about 5 minutes with the defaults APPLICANTS=$(APPLICANTS)"
	@echo "                    VIEW_ROLES=$(VIEW_ROLES) IN_FLIGHT=$(IN_FLIGHT) SIGNIN_IN_FLIGHT=$(SIGNIN_IN_FLIGHT)"
	@echo "                    REPEATS=$(REPEATS) DURATION=$(DURATION); also TIME_LIMIT, OUT"
	@echo "make bench-applications build cadre-registry, cadre-matching and applications_bench, run the"
	@echo "                    applications benchmark (bench/run_applications_bench.sh): RecommendRoles"
	@echo "                    beside GetRole, SubmitApplication against a no-op service, acceptances"
	@echo "                    racing for places; about 6 minutes with the defaults OPEN_ROLES=$(OPEN_ROLES)"
	@echo "                    APPLICANTS=$(APPLICANTS) SUBMIT_APPLICANTS=$(SUBMIT_APPLICANTS) MAX_LIVE=$(MAX_LIVE)"
	@echo "                    RECOMMEND_IN_FLIGHT=$(RECOMMEND_IN_FLIGHT) SUBMIT_IN_FLIGHT=$(SUBMIT_IN_FLIGHT)"
	@echo "                    RACE_ROLES=$(RACE_ROLES) RACE_PLACES=$(RACE_PLACES) RACE_IN_FLIGHT=$(RACE_IN_FLIGHT)"
	@echo "                    REPEATS=$(REPEATS) DURATION=$(DURATION); also TIME_LIMIT, OUT"
	@echo "make bench-gateway  build cadre-registry, cadre-matching, cadre-gateway and gateway_bench, run the"
	@echo "                    gateway benchmark (bench/run_gateway_bench.sh, BENCHMARKS.md): GetRole and"
	@echo "                    ListRoles as JSON through the gateway against gRPC, the pages, CPU per call,"
	@echo "                    the home page's weight; about 6 minutes with the defaults ROLES=$(ROLES)"
	@echo "                    IN_FLIGHT=$(IN_FLIGHT) PAGE_IN_FLIGHT=$(PAGE_IN_FLIGHT) LIST_PAGE_SIZE=$(LIST_PAGE_SIZE)"
	@echo "                    HTTP_THREADS=$(HTTP_THREADS) REPEATS=$(REPEATS) DURATION=$(DURATION); also TIME_LIMIT, OUT"
	@echo "make bench-account-pages build the services and account_pages_bench, run the benchmark of a"
	@echo "                    signed-in person's pages (bench/run_account_pages_bench.sh): /applications"
	@echo "                    and /for-you beside the anonymous role page, p50/p99, QPS and Server-Timing;"
	@echo "                    ACCOUNT_ROLES=$(ACCOUNT_ROLES) PEOPLE=$(PEOPLE) APPLICATIONS=$(APPLICATIONS)"
	@echo "                    ACCOUNT_IN_FLIGHT=$(ACCOUNT_IN_FLIGHT) REPEATS=$(REPEATS) DURATION=$(DURATION); also TIME_LIMIT, OUT"
	@echo "make bench-staff-pages build the services and staff_pages_bench, run the benchmark of a role's"
	@echo "                    applicants page for its staff (bench/run_staff_pages_bench.sh): the page"
	@echo "                    beside the anonymous role page, its upstream calls alone over gRPC;"
	@echo "                    STAFF_APPLICANTS=$(STAFF_APPLICANTS) STAFF_IN_FLIGHT=$(STAFF_IN_FLIGHT)"
	@echo "                    REPEATS=$(REPEATS) DURATION=$(DURATION); also TIME_LIMIT, OUT"
	@echo "make format         clang-format -i our C++; format-check only reports"
	@echo "make tidy           clang-tidy on our C++ (.clang-tidy; slow, not part of make test)"
	@echo "make compose-config validate docker-compose.yml"
	@echo "make compose-secrets make deploy/secrets/ (admin, service and HMAC keys) for docker-compose up"
	@echo "make clean          remove build directories (keeps .run/ data)"
	@echo "make clean-data     remove .run/: Redis data, admin key, logs"

deps:
	scripts/install_deps.sh

npm: deps
	scripts/install_npm.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: configure npm
	cmake --build $(BUILD_DIR) -j$(JOBS)

run:
	BUILD_DIR=$(BUILD_DIR) scripts/run.sh

# Tests start their own redis-server on free ports; make's own status is 2 when ctest fails.
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)

test-sanitize: deps npm
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)"
	cmake --build $(ASAN_DIR) -j$(JOBS)
	ASAN_OPTIONS="$${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}" \
	LSAN_OPTIONS="$${LSAN_OPTIONS:-suppressions=$(CURDIR)/scripts/sanitizers/lsan.supp:print_suppressions=0}" \
	UBSAN_OPTIONS="$${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j$(JOBS) -L 'unit|integration'

# Builds only what it runs, then runs it; the script starts and stops its own Redis.
bench: configure
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre-registry registry_bench
	BUILD_DIR=$(BUILD_DIR) ROLES=$(ROLES) IN_FLIGHT=$(IN_FLIGHT) REPEATS=$(REPEATS) \
	DURATION=$(DURATION) $(if $(TIME_LIMIT),TIME_LIMIT=$(TIME_LIMIT)) $(if $(OUT),OUT=$(OUT)) \
	bench/run_registry_bench.sh

bench-matching: configure
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre-registry cadre-matching matching_bench
	BUILD_DIR=$(BUILD_DIR) APPLICANTS=$(APPLICANTS) VIEW_ROLES=$(VIEW_ROLES) \
	IN_FLIGHT=$(IN_FLIGHT) SIGNIN_IN_FLIGHT=$(SIGNIN_IN_FLIGHT) REPEATS=$(REPEATS) \
	DURATION=$(DURATION) $(if $(TIME_LIMIT),TIME_LIMIT=$(TIME_LIMIT)) $(if $(OUT),OUT=$(OUT)) \
	bench/run_matching_bench.sh

bench-applications: configure
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre-registry cadre-matching applications_bench
	BUILD_DIR=$(BUILD_DIR) OPEN_ROLES=$(OPEN_ROLES) APPLICANTS=$(APPLICANTS) \
	SUBMIT_APPLICANTS=$(SUBMIT_APPLICANTS) MAX_LIVE=$(MAX_LIVE) \
	RECOMMEND_IN_FLIGHT=$(RECOMMEND_IN_FLIGHT) SUBMIT_IN_FLIGHT=$(SUBMIT_IN_FLIGHT) \
	RACE_ROLES=$(RACE_ROLES) RACE_PLACES=$(RACE_PLACES) RACE_IN_FLIGHT=$(RACE_IN_FLIGHT) \
	REPEATS=$(REPEATS) DURATION=$(DURATION) $(if $(TIME_LIMIT),TIME_LIMIT=$(TIME_LIMIT)) \
	$(if $(OUT),OUT=$(OUT)) bench/run_applications_bench.sh

# The gateway's web root (build/web) is built from node_modules (the npm target).
bench-gateway: configure npm
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre-registry cadre-matching cadre-gateway gateway_bench
	BUILD_DIR=$(BUILD_DIR) ROLES=$(ROLES) IN_FLIGHT=$(IN_FLIGHT) PAGE_IN_FLIGHT=$(PAGE_IN_FLIGHT) \
	LIST_PAGE_SIZE=$(LIST_PAGE_SIZE) HTTP_THREADS=$(HTTP_THREADS) REPEATS=$(REPEATS) \
	DURATION=$(DURATION) $(if $(TIME_LIMIT),TIME_LIMIT=$(TIME_LIMIT)) $(if $(OUT),OUT=$(OUT)) \
	bench/run_gateway_bench.sh

bench-account-pages: configure npm
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre-registry cadre-matching cadre-gateway \
	  account_pages_bench
	BUILD_DIR=$(BUILD_DIR) ROLES=$(ACCOUNT_ROLES) PEOPLE=$(PEOPLE) APPLICATIONS=$(APPLICATIONS) \
	IN_FLIGHT=$(ACCOUNT_IN_FLIGHT) HTTP_THREADS=$(HTTP_THREADS) REPEATS=$(REPEATS) \
	DURATION=$(DURATION) $(if $(TIME_LIMIT),TIME_LIMIT=$(TIME_LIMIT)) $(if $(OUT),OUT=$(OUT)) \
	bench/run_account_pages_bench.sh

bench-staff-pages: configure npm
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre-registry cadre-matching cadre-gateway \
	  staff_pages_bench
	BUILD_DIR=$(BUILD_DIR) APPLICANTS=$(STAFF_APPLICANTS) IN_FLIGHT=$(STAFF_IN_FLIGHT) \
	HTTP_THREADS=$(HTTP_THREADS) REPEATS=$(REPEATS) DURATION=$(DURATION) \
	$(if $(TIME_LIMIT),TIME_LIMIT=$(TIME_LIMIT)) $(if $(OUT),OUT=$(OUT)) \
	bench/run_staff_pages_bench.sh

format:
	clang-format -i $(CXX_SOURCES)

format-check:
	clang-format --dry-run --Werror $(CXX_SOURCES)

# clang-tidy (.clang-tidy) on our .cc files and the headers they include, with
# $(BUILD_DIR)/compile_commands.json; fails on any finding. Slow (several minutes on 2 cores):
# not part of `make test`. Needs Debian's clang-tidy (run-clang-tidy); builds only the
# generated proto headers the sources include.
tidy: configure
	cmake --build $(BUILD_DIR) -j$(JOBS) --target cadre_protos_grpc cadre_test_health_proto_grpc
	run-clang-tidy -quiet -j $(JOBS) -p $(BUILD_DIR) '^$(CURDIR)/(services|tools|tests|bench)/.*\.cc$$'

compose-config:
	docker-compose -f docker-compose.yml config -q

# The secrets compose mounts: the admin key, each service's own key (services know one
# another by these), the matching service's email HMAC key and the gateway's session key. Compose bind-mounts the
# files as they are, so the container's user (uid 10001) must be able to read them: owned
# by 10001 when we are root, else world-readable inside a folder only its owner can enter.
COMPOSE_SECRETS = admin.key matching.key notifications.key gateway.key email-hmac.key \
  gateway-session.key
compose-secrets:
	mkdir -p deploy/secrets && chmod 700 deploy/secrets
	scripts/new_key.sh deploy/secrets/admin.key
	for service in matching notifications gateway; do \
	  scripts/new_key.sh --issued deploy/secrets/$$service.key; done
	[[ -s deploy/secrets/email-hmac.key ]] || (umask 077 && \
	  od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > deploy/secrets/email-hmac.key)
	[[ -s deploy/secrets/gateway-session.key ]] || (umask 077 && \
	  od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > deploy/secrets/gateway-session.key)
	cd deploy/secrets && if [[ "$$(id -u)" == 0 ]]; then chown 10001:10001 $(COMPOSE_SECRETS); \
	else chmod 644 $(COMPOSE_SECRETS); fi

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)

clean-data:
	@if [[ -f .run/run.pid ]] && kill -0 "$$(cat .run/run.pid)" 2>/dev/null; then \
	  echo "make run is running (pid $$(cat .run/run.pid)); stop it first" >&2; exit 1; fi
	rm -rf .run
