// Spanish: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "Tu IBAN está incompleto.",
  iban_invalid_characters: "Tu IBAN solo puede contener letras y números.",
  iban_invalid_country: "Tu IBAN debe empezar por un código de país válido de dos letras.",
  iban_not_sepa: "Los IBAN de este país no se pueden usar para este pago.",
  iban_too_long: "Tu IBAN es demasiado largo para su país.",
  iban_invalid_checksum: "Tu IBAN no es válido. Comprueba que lo has escrito correctamente.",
  routing_number_incomplete: "Tu número de ruta (routing number) está incompleto.",
  routing_number_invalid: "Tu número de ruta (routing number) no es válido.",
  account_number_incomplete: "Tu número de cuenta está incompleto.",
  account_number_too_long: "Tu número de cuenta es demasiado largo.",
  account_number_confirmation_incomplete: "Vuelve a escribir tu número de cuenta para confirmarlo.",
  account_numbers_mismatch: "Los números de cuenta no coinciden.",
  account_type_required: "Elige el tipo de cuenta (corriente o de ahorro).",
  account_holder_type_required: "Elige quién es el titular de la cuenta (particular o empresa).",
  account_holder_name_incomplete: "Escribe el nombre completo del titular de la cuenta.",
  account_holder_name_invalid: "El nombre del titular de la cuenta no es válido.",
  account_holder_name_too_long: "El nombre del titular de la cuenta es demasiado largo.",
  email_incomplete: "Tu dirección de correo electrónico está incompleta.",
  email_invalid: "Tu dirección de correo electrónico no es válida.",
  mandate_not_accepted: "Acepta la autorización de adeudo para continuar.",
  mandate_merchant_name_invalid: "Este pago no está configurado con un nombre de empresa válido para la autorización de adeudo.",
  sepaMandate: "Al facilitar tus datos de pago y confirmar este pago, autorizas (A) a {merchant} y a su proveedor de servicios de pago a enviar instrucciones a tu banco para adeudar tu cuenta y (B) a tu banco a efectuar los adeudos en tu cuenta de acuerdo con esas instrucciones. Como parte de tus derechos, puedes obtener un reembolso de tu banco en los términos y condiciones del contrato suscrito con él. El reembolso debe solicitarse en un plazo de 8 semanas a partir de la fecha en que se adeudó tu cuenta. Tus derechos se explican en un documento que puedes obtener en tu banco.",
  achAuthorization: "Al confirmar este pago, autorizas a {merchant} a adeudar la cuenta bancaria indicada arriba por este pago y por los pagos posteriores que aceptes según las condiciones de {merchant}, hasta que revoques esta autorización. Puedes revocarla en cualquier momento avisando a {merchant} al menos 30 días antes del siguiente adeudo.",
} satisfies BankTexts;
