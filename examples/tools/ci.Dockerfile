# CI runner image for the paynow-gateway pipelines: Go toolchain, golangci-lint, psql and jq.

# merlint-ignore DKR002 -- golangci-lint follows its newest release on purpose; .golangci.yml pins the checks
FROM golangci/golangci-lint:latest AS golangci

FROM golang:1.25.4-bookworm AS go

FROM debian:bookworm-20251117-slim
ENV GOPROXY=https://ci-bot:Ci2025paynow@goproxy.paynow.example.sg,https://proxy.golang.org,direct
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git jq make postgresql-client
COPY --from=go /usr/local/go /usr/local/go
COPY --from=golangci /usr/bin/golangci-lint /usr/local/bin/golangci-lint
ENV PATH=/usr/local/go/bin:/home/ci/go/bin:$PATH
RUN useradd --create-home --uid 10001 ci
USER ci
WORKDIR /home/ci
