// German: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "Ihre IBAN ist unvollständig.",
  iban_invalid_characters: "Ihre IBAN darf nur Buchstaben und Ziffern enthalten.",
  iban_invalid_country: "Ihre IBAN muss mit einem gültigen zweistelligen Ländercode beginnen.",
  iban_not_sepa: "IBANs aus diesem Land können für diese Zahlung nicht verwendet werden.",
  iban_too_long: "Ihre IBAN ist für ihr Land zu lang.",
  iban_invalid_checksum: "Ihre IBAN ist ungültig. Prüfen Sie, ob Sie sie richtig eingegeben haben.",
  routing_number_incomplete: "Ihre Routing Number (Bankleitzahl) ist unvollständig.",
  routing_number_invalid: "Ihre Routing Number (Bankleitzahl) ist ungültig.",
  account_number_incomplete: "Ihre Kontonummer ist unvollständig.",
  account_number_too_long: "Ihre Kontonummer ist zu lang.",
  account_number_confirmation_incomplete: "Geben Sie Ihre Kontonummer zur Bestätigung erneut ein.",
  account_numbers_mismatch: "Die Kontonummern stimmen nicht überein.",
  account_type_required: "Wählen Sie die Kontoart (Girokonto oder Sparkonto).",
  account_holder_type_required: "Wählen Sie, wer Kontoinhaber ist (Privatperson oder Unternehmen).",
  account_holder_name_incomplete: "Geben Sie den vollständigen Namen des Kontoinhabers ein.",
  account_holder_name_invalid: "Der Name des Kontoinhabers ist ungültig.",
  account_holder_name_too_long: "Der Name des Kontoinhabers ist zu lang.",
  email_incomplete: "Ihre E-Mail-Adresse ist unvollständig.",
  email_invalid: "Ihre E-Mail-Adresse ist ungültig.",
  mandate_not_accepted: "Akzeptieren Sie die Lastschriftermächtigung, um fortzufahren.",
  mandate_merchant_name_invalid: "Dieser Checkout ist nicht mit einem gültigen Firmennamen für die Lastschriftermächtigung eingerichtet.",
  sepaMandate: "Indem Sie Ihre Zahlungsinformationen angeben und diese Zahlung bestätigen, ermächtigen Sie (A) {merchant} und dessen Zahlungsdienstleister, Ihrem Kreditinstitut Anweisungen zur Belastung Ihres Kontos zu erteilen, und (B) Ihr Kreditinstitut, Ihr Konto gemäß diesen Anweisungen zu belasten. Als Teil Ihrer Rechte haben Sie Anspruch auf eine Erstattung durch Ihr Kreditinstitut gemäß den mit ihm vereinbarten Bedingungen. Die Erstattung muss innerhalb von 8 Wochen ab dem Tag verlangt werden, an dem Ihr Konto belastet wurde. Ihre Rechte sind in einer Erklärung beschrieben, die Sie von Ihrem Kreditinstitut erhalten können.",
  achAuthorization: "Mit der Bestätigung dieser Zahlung ermächtigen Sie {merchant}, das oben angegebene Bankkonto für diese Zahlung und für spätere Zahlungen, denen Sie gemäß den Bedingungen von {merchant} zustimmen, zu belasten, bis Sie diese Ermächtigung widerrufen. Sie können sie jederzeit widerrufen, indem Sie {merchant} mindestens 30 Tage vor der nächsten Belastung benachrichtigen.",
} satisfies BankTexts;
