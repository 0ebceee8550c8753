// Chinese (Simplified): the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "您的 IBAN 不完整。",
  iban_invalid_characters: "您的 IBAN 只能包含字母和数字。",
  iban_invalid_country: "您的 IBAN 应以有效的两位字母国家代码开头。",
  iban_not_sepa: "该国家/地区的 IBAN 无法用于本次付款。",
  iban_too_long: "您的 IBAN 超出了其所属国家的长度。",
  iban_invalid_checksum: "您的 IBAN 无效。请检查是否输入正确。",
  routing_number_incomplete: "您的银行路由号码不完整。",
  routing_number_invalid: "您的银行路由号码无效。",
  account_number_incomplete: "您的账号不完整。",
  account_number_too_long: "您的账号过长。",
  account_number_confirmation_incomplete: "请再次输入您的账号以确认。",
  account_numbers_mismatch: "两次输入的账号不一致。",
  account_type_required: "请选择账户类型（支票账户或储蓄账户）。",
  account_holder_type_required: "请选择账户持有人类型（个人或公司）。",
  account_holder_name_incomplete: "请输入账户持有人的全名。",
  account_holder_name_invalid: "账户持有人姓名无效。",
  account_holder_name_too_long: "账户持有人姓名过长。",
  email_incomplete: "您的电子邮件地址不完整。",
  email_invalid: "您的电子邮件地址无效。",
  mandate_not_accepted: "请接受扣款授权以继续。",
  mandate_merchant_name_invalid: "此结账未配置用于扣款授权的有效商家名称。",
  sepaMandate: "提供您的付款信息并确认本次付款，即表示您授权 (A) {merchant} 及其支付服务提供商向您的银行发送指令，从您的账户中扣款，以及 (B) 您的银行按照这些指令从您的账户中扣款。作为您的权利之一，您有权根据与银行所签协议的条款和条件，要求银行退款。退款须在账户被扣款之日起 8 周内提出。您的权利在银行提供的说明中有详细解释。",
  achAuthorization: "确认本次付款，即表示您授权 {merchant} 从上述银行账户中扣除本次付款，以及您根据 {merchant} 的条款同意的后续付款，直至您撤销此授权。您可以随时撤销授权，只需在下一次扣款前至少 30 天通知 {merchant}。",
} satisfies BankTexts;
