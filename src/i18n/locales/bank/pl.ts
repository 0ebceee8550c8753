// Polish: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "Numer IBAN jest niepełny.",
  iban_invalid_characters: "Numer IBAN może zawierać tylko litery i cyfry.",
  iban_invalid_country: "Numer IBAN musi zaczynać się od prawidłowego dwuliterowego kodu kraju.",
  iban_not_sepa: "Numerów IBAN z tego kraju nie można użyć do tej płatności.",
  iban_too_long: "Numer IBAN jest za długi dla swojego kraju.",
  iban_invalid_checksum: "Numer IBAN jest nieprawidłowy. Sprawdź, czy został poprawnie wpisany.",
  routing_number_incomplete: "Numer rozliczeniowy (routing number) jest niepełny.",
  routing_number_invalid: "Numer rozliczeniowy (routing number) jest nieprawidłowy.",
  account_number_incomplete: "Numer konta jest niepełny.",
  account_number_too_long: "Numer konta jest za długi.",
  account_number_confirmation_incomplete: "Wpisz ponownie numer konta, aby go potwierdzić.",
  account_numbers_mismatch: "Numery kont nie są zgodne.",
  account_type_required: "Wybierz rodzaj konta (rozliczeniowe lub oszczędnościowe).",
  account_holder_type_required: "Wybierz, kto jest posiadaczem konta (osoba prywatna lub firma).",
  account_holder_name_incomplete: "Wpisz pełne imię i nazwisko posiadacza konta.",
  account_holder_name_invalid: "Imię i nazwisko posiadacza konta jest nieprawidłowe.",
  account_holder_name_too_long: "Imię i nazwisko posiadacza konta jest za długie.",
  email_incomplete: "Adres e-mail jest niepełny.",
  email_invalid: "Adres e-mail jest nieprawidłowy.",
  mandate_not_accepted: "Zaakceptuj upoważnienie do obciążania rachunku, aby kontynuować.",
  mandate_merchant_name_invalid: "Ta płatność nie ma ustawionej prawidłowej nazwy firmy dla upoważnienia do obciążania rachunku.",
  sepaMandate: "Podając dane płatności i potwierdzając tę płatność, upoważniasz (A) {merchant} i jego dostawcę usług płatniczych do wysyłania poleceń do Twojego banku w celu obciążenia Twojego rachunku oraz (B) Twój bank do obciążania rachunku zgodnie z tymi poleceniami. W ramach przysługujących Ci praw możesz żądać od swojego banku zwrotu środków na warunkach umowy zawartej z bankiem. Zwrot należy zgłosić w ciągu 8 tygodni od dnia obciążenia rachunku. Twoje prawa są opisane w dokumencie, który możesz otrzymać w swoim banku.",
  achAuthorization: "Potwierdzając tę płatność, upoważniasz {merchant} do obciążenia podanego powyżej rachunku bankowego kwotą tej płatności oraz kolejnych płatności, na które wyrazisz zgodę zgodnie z warunkami {merchant}, do czasu odwołania tego upoważnienia. Możesz je odwołać w dowolnym momencie, powiadamiając {merchant} co najmniej 30 dni przed kolejnym obciążeniem.",
} satisfies BankTexts;
