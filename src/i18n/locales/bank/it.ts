// Italian: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "L'IBAN è incompleto.",
  iban_invalid_characters: "L'IBAN può contenere solo lettere e cifre.",
  iban_invalid_country: "L'IBAN deve iniziare con un codice paese valido di due lettere.",
  iban_not_sepa: "Gli IBAN di questo paese non possono essere usati per questo pagamento.",
  iban_too_long: "L'IBAN è troppo lungo per il suo paese.",
  iban_invalid_checksum: "L'IBAN non è valido. Controlla di averlo inserito correttamente.",
  routing_number_incomplete: "Il routing number è incompleto.",
  routing_number_invalid: "Il routing number non è valido.",
  account_number_incomplete: "Il numero di conto è incompleto.",
  account_number_too_long: "Il numero di conto è troppo lungo.",
  account_number_confirmation_incomplete: "Inserisci di nuovo il numero di conto per confermarlo.",
  account_numbers_mismatch: "I numeri di conto non corrispondono.",
  account_type_required: "Scegli il tipo di conto (corrente o di risparmio).",
  account_holder_type_required: "Scegli chi è titolare del conto (privato o azienda).",
  account_holder_name_incomplete: "Inserisci il nome completo del titolare del conto.",
  account_holder_name_invalid: "Il nome del titolare del conto non è valido.",
  account_holder_name_too_long: "Il nome del titolare del conto è troppo lungo.",
  email_incomplete: "L'indirizzo email è incompleto.",
  email_invalid: "L'indirizzo email non è valido.",
  mandate_not_accepted: "Accetta l'autorizzazione all'addebito per continuare.",
  mandate_merchant_name_invalid: "Questo checkout non è configurato con un nome aziendale valido per l'autorizzazione all'addebito.",
  sepaMandate: "Fornendo i tuoi dati di pagamento e confermando questo pagamento, autorizzi (A) {merchant} e il suo prestatore di servizi di pagamento a inviare istruzioni alla tua banca per addebitare il tuo conto e (B) la tua banca ad addebitare il tuo conto conformemente a tali istruzioni. Tra i tuoi diritti c'è quello di ottenere un rimborso dalla tua banca secondo i termini e le condizioni del contratto stipulato con essa. Il rimborso deve essere richiesto entro 8 settimane dalla data in cui il conto è stato addebitato. I tuoi diritti sono spiegati in un documento che puoi ottenere dalla tua banca.",
  achAuthorization: "Confermando questo pagamento, autorizzi {merchant} ad addebitare il conto bancario indicato sopra per questo pagamento e per i pagamenti successivi che accetterai secondo le condizioni di {merchant}, finché non revochi questa autorizzazione. Puoi revocarla in qualsiasi momento avvisando {merchant} almeno 30 giorni prima dell'addebito successivo.",
} satisfies BankTexts;
