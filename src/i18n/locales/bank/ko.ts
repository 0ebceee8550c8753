// Korean: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "IBAN이 완전하지 않습니다.",
  iban_invalid_characters: "IBAN에는 영문자와 숫자만 사용할 수 있습니다.",
  iban_invalid_country: "IBAN은 올바른 두 글자 국가 코드로 시작해야 합니다.",
  iban_not_sepa: "이 국가의 IBAN은 이 결제에 사용할 수 없습니다.",
  iban_too_long: "IBAN이 해당 국가의 길이보다 깁니다.",
  iban_invalid_checksum: "IBAN이 올바르지 않습니다. 올바르게 입력했는지 확인하세요.",
  routing_number_incomplete: "라우팅 번호가 완전하지 않습니다.",
  routing_number_invalid: "라우팅 번호가 올바르지 않습니다.",
  account_number_incomplete: "계좌 번호가 완전하지 않습니다.",
  account_number_too_long: "계좌 번호가 너무 깁니다.",
  account_number_confirmation_incomplete: "확인을 위해 계좌 번호를 다시 입력하세요.",
  account_numbers_mismatch: "계좌 번호가 일치하지 않습니다.",
  account_type_required: "계좌 유형(당좌 또는 저축)을 선택하세요.",
  account_holder_type_required: "계좌 소유자 유형(개인 또는 법인)을 선택하세요.",
  account_holder_name_incomplete: "예금주의 전체 이름을 입력하세요.",
  account_holder_name_invalid: "예금주 이름이 올바르지 않습니다.",
  account_holder_name_too_long: "예금주 이름이 너무 깁니다.",
  email_incomplete: "이메일 주소가 완전하지 않습니다.",
  email_invalid: "이메일 주소가 올바르지 않습니다.",
  mandate_not_accepted: "계속하려면 자동이체 출금 승인에 동의하세요.",
  mandate_merchant_name_invalid: "이 결제 화면에는 자동이체 출금 승인에 사용할 올바른 사업자 이름이 설정되어 있지 않습니다.",
  sepaMandate: "결제 정보를 제공하고 이 결제를 확인하면 귀하는 (A) {merchant} 및 그 결제 서비스 제공업체가 귀하의 은행에 계좌 출금 지시를 보내는 것과 (B) 귀하의 은행이 그 지시에 따라 계좌에서 출금하는 것을 승인합니다. 귀하의 권리로서, 은행과 맺은 약정의 조건에 따라 은행으로부터 환불을 받을 수 있습니다. 환불은 계좌에서 출금된 날부터 8주 이내에 청구해야 합니다. 귀하의 권리는 은행에서 받을 수 있는 안내서에 설명되어 있습니다.",
  achAuthorization: "이 결제를 확인하면 귀하는 이 승인을 철회할 때까지 {merchant}이(가) 위 은행 계좌에서 이번 결제 금액과 {merchant}의 약관에 따라 동의하는 이후 결제 금액을 출금하는 것을 승인합니다. 다음 출금일로부터 최소 30일 전에 {merchant}에 알리면 언제든지 이 승인을 철회할 수 있습니다.",
} satisfies BankTexts;
