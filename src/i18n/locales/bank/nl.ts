// Dutch: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "Je IBAN is onvolledig.",
  iban_invalid_characters: "Je IBAN mag alleen letters en cijfers bevatten.",
  iban_invalid_country: "Je IBAN moet beginnen met een geldige landcode van twee letters.",
  iban_not_sepa: "IBAN's uit dit land kunnen niet voor deze betaling worden gebruikt.",
  iban_too_long: "Je IBAN is te lang voor het land.",
  iban_invalid_checksum: "Je IBAN is ongeldig. Controleer of je hem goed hebt ingevuld.",
  routing_number_incomplete: "Je routingnummer is onvolledig.",
  routing_number_invalid: "Je routingnummer is ongeldig.",
  account_number_incomplete: "Je rekeningnummer is onvolledig.",
  account_number_too_long: "Je rekeningnummer is te lang.",
  account_number_confirmation_incomplete: "Vul je rekeningnummer nogmaals in om het te bevestigen.",
  account_numbers_mismatch: "De rekeningnummers komen niet overeen.",
  account_type_required: "Kies het soort rekening (betaalrekening of spaarrekening).",
  account_holder_type_required: "Kies wie de rekeninghouder is (particulier of bedrijf).",
  account_holder_name_incomplete: "Vul de volledige naam van de rekeninghouder in.",
  account_holder_name_invalid: "De naam van de rekeninghouder is ongeldig.",
  account_holder_name_too_long: "De naam van de rekeninghouder is te lang.",
  email_incomplete: "Je e-mailadres is onvolledig.",
  email_invalid: "Je e-mailadres is ongeldig.",
  mandate_not_accepted: "Ga akkoord met de machtiging tot incasso om verder te gaan.",
  mandate_merchant_name_invalid: "Deze checkout is niet ingesteld met een geldige bedrijfsnaam voor de machtiging tot incasso.",
  sepaMandate: "Door je betaalgegevens op te geven en deze betaling te bevestigen, machtig je (A) {merchant} en zijn betaaldienstverlener om je bank opdrachten te sturen om een bedrag van je rekening af te schrijven en (B) je bank om dat bedrag overeenkomstig die opdrachten van je rekening af te schrijven. Als onderdeel van je rechten kun je een terugbetaling van je bank krijgen volgens de voorwaarden van je overeenkomst met je bank. Een terugbetaling moet binnen 8 weken na de datum van afschrijving worden aangevraagd. Je rechten worden uitgelegd in een verklaring die je bij je bank kunt opvragen.",
  achAuthorization: "Door deze betaling te bevestigen, machtig je {merchant} om de bovenstaande bankrekening te belasten voor deze betaling en voor latere betalingen waarmee je instemt volgens de voorwaarden van {merchant}, totdat je deze machtiging intrekt. Je kunt haar op elk moment intrekken door {merchant} ten minste 30 dagen voor de volgende afschrijving te informeren.",
} satisfies BankTexts;
