// Portuguese: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "O IBAN está incompleto.",
  iban_invalid_characters: "O IBAN só pode conter letras e algarismos.",
  iban_invalid_country: "O IBAN deve começar por um código de país válido de duas letras.",
  iban_not_sepa: "Os IBAN deste país não podem ser usados neste pagamento.",
  iban_too_long: "O IBAN é demasiado longo para o seu país.",
  iban_invalid_checksum: "O IBAN é inválido. Verifique se o introduziu corretamente.",
  routing_number_incomplete: "O número de encaminhamento (routing number) está incompleto.",
  routing_number_invalid: "O número de encaminhamento (routing number) é inválido.",
  account_number_incomplete: "O número da conta está incompleto.",
  account_number_too_long: "O número da conta é demasiado longo.",
  account_number_confirmation_incomplete: "Introduza novamente o número da conta para o confirmar.",
  account_numbers_mismatch: "Os números de conta não coincidem.",
  account_type_required: "Escolha o tipo de conta (à ordem ou poupança).",
  account_holder_type_required: "Escolha quem é o titular da conta (particular ou empresa).",
  account_holder_name_incomplete: "Introduza o nome completo do titular da conta.",
  account_holder_name_invalid: "O nome do titular da conta é inválido.",
  account_holder_name_too_long: "O nome do titular da conta é demasiado longo.",
  email_incomplete: "O endereço de email está incompleto.",
  email_invalid: "O endereço de email é inválido.",
  mandate_not_accepted: "Aceite a autorização de débito para continuar.",
  mandate_merchant_name_invalid: "Este checkout não está configurado com um nome de empresa válido para a autorização de débito.",
  sepaMandate: "Ao fornecer os seus dados de pagamento e confirmar este pagamento, autoriza (A) {merchant} e o seu prestador de serviços de pagamento a enviar instruções ao seu banco para debitar a sua conta e (B) o seu banco a debitar a sua conta de acordo com essas instruções. No âmbito dos seus direitos, tem direito a um reembolso do seu banco nos termos e condições do contrato celebrado com o mesmo. O reembolso deve ser solicitado no prazo de 8 semanas a contar da data em que a sua conta foi debitada. Os seus direitos são explicados numa declaração que pode obter junto do seu banco.",
  achAuthorization: "Ao confirmar este pagamento, autoriza {merchant} a debitar a conta bancária indicada acima por este pagamento e pelos pagamentos posteriores que aceitar nos termos de {merchant}, até revogar esta autorização. Pode revogá-la a qualquer momento avisando {merchant} com pelo menos 30 dias de antecedência em relação ao próximo débito.",
} satisfies BankTexts;
