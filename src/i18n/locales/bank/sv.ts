// Swedish: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "IBAN-numret är ofullständigt.",
  iban_invalid_characters: "IBAN-numret får bara innehålla bokstäver och siffror.",
  iban_invalid_country: "IBAN-numret måste börja med en giltig landskod på två bokstäver.",
  iban_not_sepa: "IBAN-nummer från det här landet kan inte användas för den här betalningen.",
  iban_too_long: "IBAN-numret är för långt för sitt land.",
  iban_invalid_checksum: "IBAN-numret är ogiltigt. Kontrollera att du har skrivit det rätt.",
  routing_number_incomplete: "Routingnumret är ofullständigt.",
  routing_number_invalid: "Routingnumret är ogiltigt.",
  account_number_incomplete: "Kontonumret är ofullständigt.",
  account_number_too_long: "Kontonumret är för långt.",
  account_number_confirmation_incomplete: "Ange kontonumret en gång till för att bekräfta det.",
  account_numbers_mismatch: "Kontonumren stämmer inte överens.",
  account_type_required: "Välj typ av konto (lönekonto eller sparkonto).",
  account_holder_type_required: "Välj vem som äger kontot (privatperson eller företag).",
  account_holder_name_incomplete: "Ange kontoinnehavarens fullständiga namn.",
  account_holder_name_invalid: "Kontoinnehavarens namn är ogiltigt.",
  account_holder_name_too_long: "Kontoinnehavarens namn är för långt.",
  email_incomplete: "E-postadressen är ofullständig.",
  email_invalid: "E-postadressen är ogiltig.",
  mandate_not_accepted: "Godkänn autogiromedgivandet för att fortsätta.",
  mandate_merchant_name_invalid: "Den här kassan har inget giltigt företagsnamn för autogiromedgivandet.",
  sepaMandate: "Genom att lämna dina betalningsuppgifter och bekräfta den här betalningen ger du (A) {merchant} och dess betaltjänstleverantör tillstånd att skicka instruktioner till din bank om att debitera ditt konto och (B) din bank tillstånd att debitera ditt konto enligt dessa instruktioner. Som en del av dina rättigheter har du rätt till återbetalning från din bank enligt villkoren i ditt avtal med banken. Återbetalning måste begäras inom 8 veckor från den dag då ditt konto debiterades. Dina rättigheter förklaras i ett dokument som du kan få från din bank.",
  achAuthorization: "Genom att bekräfta den här betalningen ger du {merchant} tillstånd att debitera bankkontot ovan för den här betalningen och för senare betalningar som du godkänner enligt villkoren hos {merchant}, tills du återkallar medgivandet. Du kan återkalla det när som helst genom att meddela {merchant} minst 30 dagar före nästa debitering.",
} satisfies BankTexts;
