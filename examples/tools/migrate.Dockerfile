# Runs database migrations for payments and ledger as a Kubernetes Job before each release.

FROM golang:1.25.4-bookworm AS migrate
RUN CGO_ENABLED=0 go install -tags postgres github.com/golang-migrate/migrate/v4/cmd/migrate@v4.18.3

FROM debian:bookworm-20251117-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY --from=migrate /go/bin/migrate /usr/local/bin/migrate
COPY db/migrations /migrations
RUN useradd --system --uid 10001 migrate
USER migrate
ENTRYPOINT ["migrate", "-path", "/migrations"]
