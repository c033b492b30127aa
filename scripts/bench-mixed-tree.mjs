// A generated platform monorepo for the memory benchmark of `npm run bench`: Terraform stacks
// (bench-terraform-tree.mjs) beside service directories that each hold a Dockerfile, its start
// script, an env file, a Makefile, a Compose file, a Go module, TypeScript sources with a logger
// module, and Kubernetes manifests in the team's namespace; some compliant and some not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateTerraformTree } from './bench-terraform-tree.mjs';

const TEAMS = ['payments', 'ledger', 'kyc', 'fx', 'payouts', 'disputes', 'merchant', 'notify', 'risk', 'treasury'];
const SERVICES = ['api', 'worker', 'scheduler', 'gateway', 'reports'];
const FILES_PER_SERVICE = 14;

/** Writes about `count` files under `root`, half Terraform; `dockerfile(name, seed)` gives a Dockerfile's text. */
export function generateMixedTree(root, count, dockerfile) {
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const terraform = generateTerraformTree(join(root, 'infra'), Math.round(count / 2));
  const services = Math.round((count - terraform.files) / FILES_PER_SERVICE);
  write('.github/workflows/ci.yml', workflow());
  for (let index = 0; index < services; index++) {
    const team = TEAMS[index % TEAMS.length];
    const name = `${SERVICES[Math.floor(index / TEAMS.length) % SERVICES.length]}-${index}`;
    for (const [path, text] of Object.entries(serviceFiles(team, name, index, dockerfile))) write(`services/${team}/${name}/${path}`, text);
  }
  return { files: terraform.files + 1 + services * FILES_PER_SERVICE, stacks: terraform.stacks, services };
}

function serviceFiles(team, name, seed, dockerfile) {
  const script = `${name}-start.sh`;
  return {
    Dockerfile: `${dockerfile(name, seed)}COPY ${script} /usr/local/bin/${script}\n`,
    [script]: startScript(name, seed),
    '.env': `APP_NAME=${name}\nGOPROXY=${seed % 4 === 0 ? 'http://goproxy.internal.example.sg' : 'https://goproxy.example.sg,https://proxy.golang.org,direct'}\nGOSUMDB=${seed % 5 === 0 ? 'off' : 'sum.golang.org'}\nLISTEN_ADDR=${seed % 3 === 0 ? '[::]:8080' : '0.0.0.0:8080'}\n`,
    Makefile: `GOFLAGS ?= -mod=readonly\nexport GOPROXY = https://goproxy.example.sg,direct\n\nbuild:\n\tgo build -o bin/${name} ./cmd/${name}\n\ntest:\n\tgo test ./...\n`,
    'compose.yaml': `services:\n  ${name}:\n    build: .\n    environment:\n      GOPROXY: https://goproxy.example.sg,direct\n      AWS_REGION: ${seed % 6 === 0 ? 'us-east-1' : 'ap-southeast-1'}\n    ports:\n      - "8080:8080"\n`,
    'go.mod': `module example.sg/${team}/${name}\n\ngo 1.25\n\nrequire go.uber.org/zap v1.27.0\n`,
    [`cmd/${name}/main.go`]: goMain(team, name),
    'internal/handler/handler.go': goHandler(seed),
    'web/src/logger.ts': `import pino from 'pino';\n\nexport const logger = pino({ name: '${name}', redact: ['password'] });\n`,
    'web/src/handler.ts': tsHandler(seed),
    'web/src/format.ts': `export function amount(cents: number): string {\n  return (cents / 100).toFixed(2);\n}\n`,
    'deploy/deployment.yaml': deployment(team, name, script, seed),
    'deploy/service.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${team}\nspec:\n  selector:\n    app: ${name}\n  ipFamilyPolicy: ${seed % 4 === 1 ? 'RequireDualStack' : 'SingleStack'}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
    'deploy/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-settings\n  namespace: ${team}\ndata:\n  LOG_LEVEL: info\n  UPSTREAM: ${seed % 3 === 1 ? 'http://[::1]:9000' : 'http://127.0.0.1:9000'}\n  GOPROXY: https://goproxy.example.sg,direct\n`,
  };
}

function startScript(name, seed) {
  const sysctl = seed % 7 === 0 ? 'sysctl -w net.ipv6.conf.all.disable_ipv6=1\n' : '';
  return `#!/bin/sh\nset -eu\n${sysctl}export GOPROXY=https://goproxy.example.sg,direct\nexec /usr/local/bin/${name} "$@"\n`;
}

function goMain(team, name) {
  return `package main

import (
	"example.sg/${team}/${name}/internal/handler"
	"go.uber.org/zap"
)

func main() {
	logger, _ := zap.NewProduction()
	defer logger.Sync()
	logger.Info("starting", zap.String("service", "${name}"))
	handler.Serve(logger)
}
`;
}

function goHandler(seed) {
  const field = seed % 2 === 0 ? 'zap.String("nric", payee.NRIC)' : 'zap.Int("amount", payee.Amount)';
  return `package handler

import "go.uber.org/zap"

type Payee struct {
	Name   string
	NRIC   string
	Phone  string
	Amount int
}

func Serve(logger *zap.Logger) {
	payee := Payee{Name: "test", Amount: 100}
	logger.Info("payee registered", ${field})
	logger.Sugar().Infof("paying %d", payee.Amount)
}
`;
}

function tsHandler(seed) {
  const logged = seed % 3 === 0 ? 'logger.info({ email: payee.email }, \'payee added\');' : 'logger.info({ amount: payee.amount }, \'payee added\');';
  return `import { logger } from './logger';
import { amount } from './format';

interface Payee {
  email: string;
  phone: string;
  amount: number;
}

export function addPayee(payee: Payee): string {
  ${logged}
  return amount(payee.amount);
}
`;
}

function deployment(team, name, script, seed) {
  const region = seed % 5 === 2 ? 'us-west-2' : 'ap-southeast-1';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${team}
  labels:
    app: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      nodeSelector:
        topology.kubernetes.io/region: ${region}
      containers:
        - name: ${name}
          image: 123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/${team}/${name}:1.${seed % 10}.0
          command: ["/usr/local/bin/${script}"]
          envFrom:
            - configMapRef:
                name: ${name}-settings
          env:
            - name: AWS_REGION
              value: ap-southeast-1
          resources:
            limits:
              memory: 256Mi
`;
}

function workflow() {
  return `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      GOPROXY: https://goproxy.example.sg,direct
    steps:
      - uses: actions/checkout@v4
      - run: go test ./...
`;
}
