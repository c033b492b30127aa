package handler

import (
	"fmt"
	"log"
	"net/http"

	"go.uber.org/zap"
)

type Payee struct {
	ID       string
	NRIC     string
	Mobile   string
	Email    string
	FullName string
}

type PayeeHandler struct {
	logger *zap.Logger
	store  PayeeStore
}

func (h *PayeeHandler) Register(w http.ResponseWriter, r *http.Request, payee *Payee) {
	// Redacted by the core in internal/logging: the keys name NRIC and phone numbers.
	h.logger.Info("registering payee",
		zap.String("payee_id", payee.ID),
		zap.String("nric", payee.NRIC),
		zap.String("mobile", payee.Mobile),
	)
	// Not covered by the redacting core: the key is "email".
	h.logger.Info("payee contact", zap.String("email", payee.Email))
	if err := h.store.Save(payee); err != nil {
		// The message text is not a field: no core can redact it.
		log.Printf("save failed for payee %s (%s): %v", payee.ID, payee.FullName, err)
		h.logger.Error("save failed", zap.Any("payee", payee), zap.Error(err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "registered %s\n", payee.ID)
	h.logger.Info("payee registered", zap.String("payee_id", payee.ID), zap.String("mobile_last4", payee.Mobile[len(payee.Mobile)-4:]))
}
