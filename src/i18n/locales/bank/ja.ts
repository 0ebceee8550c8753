// Japanese: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "IBANが不完全です。",
  iban_invalid_characters: "IBANに使用できるのは英字と数字のみです。",
  iban_invalid_country: "IBANは有効な2文字の国コードで始まる必要があります。",
  iban_not_sepa: "この国のIBANはこのお支払いに使用できません。",
  iban_too_long: "IBANがその国の桁数より長すぎます。",
  iban_invalid_checksum: "IBANが無効です。正しく入力されているかご確認ください。",
  routing_number_incomplete: "ルーティング番号が不完全です。",
  routing_number_invalid: "ルーティング番号が無効です。",
  account_number_incomplete: "口座番号が不完全です。",
  account_number_too_long: "口座番号が長すぎます。",
  account_number_confirmation_incomplete: "確認のため、口座番号をもう一度入力してください。",
  account_numbers_mismatch: "口座番号が一致しません。",
  account_type_required: "口座の種類（当座または普通預金）を選択してください。",
  account_holder_type_required: "口座名義の種類（個人または法人）を選択してください。",
  account_holder_name_incomplete: "口座名義人のフルネームを入力してください。",
  account_holder_name_invalid: "口座名義人の名前が無効です。",
  account_holder_name_too_long: "口座名義人の名前が長すぎます。",
  email_incomplete: "メールアドレスが不完全です。",
  email_invalid: "メールアドレスが無効です。",
  mandate_not_accepted: "続行するには、口座引き落としの承認に同意してください。",
  mandate_merchant_name_invalid: "このチェックアウトには、口座引き落としの承認に使う有効な事業者名が設定されていません。",
  sepaMandate: "お支払い情報を入力してこのお支払いを確定することにより、お客様は (A) {merchant} およびその決済サービスプロバイダーが、お客様の口座から引き落とすよう取引銀行に指示を送ること、ならびに (B) 取引銀行がその指示に従ってお客様の口座から引き落とすことを承認します。お客様の権利の一つとして、取引銀行との契約条件に基づき、銀行から払い戻しを受けることができます。払い戻しは、口座から引き落とされた日から8週間以内に請求する必要があります。お客様の権利については、取引銀行から入手できる説明書に記載されています。",
  achAuthorization: "このお支払いを確定することにより、お客様は {merchant} が上記の銀行口座から、このお支払いおよび {merchant} の規約に基づきお客様が同意する今後のお支払いを、この承認を取り消すまで引き落とすことを承認します。この承認は、次回の引き落としの30日前までに {merchant} に通知することで、いつでも取り消すことができます。",
} satisfies BankTexts;
