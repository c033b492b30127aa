// Package logging builds the service logger. Fields whose key names personal data are
// replaced before they reach the encoder, so a handler that logs one leaks nothing.
package logging

import (
	"strings"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

var redactedKeys = []string{"nric", "phone", "mobile"}

type redactingCore struct {
	zapcore.Core
}

func (c *redactingCore) With(fields []zapcore.Field) zapcore.Core {
	return &redactingCore{c.Core.With(redact(fields))}
}

func (c *redactingCore) Check(entry zapcore.Entry, checked *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(entry.Level) {
		return checked.AddCore(entry, c)
	}
	return checked
}

func (c *redactingCore) Write(entry zapcore.Entry, fields []zapcore.Field) error {
	return c.Core.Write(entry, redact(fields))
}

func redact(fields []zapcore.Field) []zapcore.Field {
	out := make([]zapcore.Field, len(fields))
	for i, field := range fields {
		out[i] = field
		for _, key := range redactedKeys {
			if strings.Contains(strings.ToLower(field.Key), key) {
				out[i] = zap.String(field.Key, "[REDACTED]")
			}
		}
	}
	return out
}

// New returns the production logger with the redacting core installed.
func New() (*zap.Logger, error) {
	base, err := zap.NewProduction()
	if err != nil {
		return nil, err
	}
	return base.WithOptions(zap.WrapCore(func(core zapcore.Core) zapcore.Core {
		return &redactingCore{core}
	})), nil
}
