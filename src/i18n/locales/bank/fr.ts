// French: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "Votre IBAN est incomplet.",
  iban_invalid_characters: "Votre IBAN ne peut contenir que des lettres et des chiffres.",
  iban_invalid_country: "Votre IBAN doit commencer par un code pays valide de deux lettres.",
  iban_not_sepa: "Les IBAN de ce pays ne peuvent pas être utilisés pour ce paiement.",
  iban_too_long: "Votre IBAN est trop long pour son pays.",
  iban_invalid_checksum: "Votre IBAN est invalide. Vérifiez que vous l'avez saisi correctement.",
  routing_number_incomplete: "Votre numéro de routage (routing number) est incomplet.",
  routing_number_invalid: "Votre numéro de routage (routing number) est invalide.",
  account_number_incomplete: "Votre numéro de compte est incomplet.",
  account_number_too_long: "Votre numéro de compte est trop long.",
  account_number_confirmation_incomplete: "Saisissez à nouveau votre numéro de compte pour le confirmer.",
  account_numbers_mismatch: "Les numéros de compte ne correspondent pas.",
  account_type_required: "Choisissez le type de compte (courant ou épargne).",
  account_holder_type_required: "Indiquez qui est titulaire du compte (particulier ou entreprise).",
  account_holder_name_incomplete: "Saisissez le nom complet du titulaire du compte.",
  account_holder_name_invalid: "Le nom du titulaire du compte est invalide.",
  account_holder_name_too_long: "Le nom du titulaire du compte est trop long.",
  email_incomplete: "Votre adresse e-mail est incomplète.",
  email_invalid: "Votre adresse e-mail est invalide.",
  mandate_not_accepted: "Acceptez l'autorisation de prélèvement pour continuer.",
  mandate_merchant_name_invalid: "Ce paiement n'est pas configuré avec un nom d'entreprise valide pour l'autorisation de prélèvement.",
  sepaMandate: "En fournissant vos informations de paiement et en confirmant ce paiement, vous autorisez (A) {merchant} et son prestataire de services de paiement à envoyer des instructions à votre banque pour débiter votre compte, et (B) votre banque à débiter votre compte conformément à ces instructions. Vous bénéficiez du droit d'être remboursé par votre banque selon les conditions décrites dans la convention que vous avez passée avec elle. Toute demande de remboursement doit être présentée dans les 8 semaines suivant la date de débit de votre compte. Vos droits sont expliqués dans un document que vous pouvez obtenir auprès de votre banque.",
  achAuthorization: "En confirmant ce paiement, vous autorisez {merchant} à débiter le compte bancaire ci-dessus pour ce paiement et pour tout paiement ultérieur que vous acceptez selon les conditions de {merchant}, jusqu'à ce que vous révoquiez cette autorisation. Vous pouvez la révoquer à tout moment en prévenant {merchant} au moins 30 jours avant le prochain prélèvement.",
} satisfies BankTexts;
