// Arabic: the bank debit fields' texts. Keys and English source: ../../bank-messages.ts.
import type { BankTexts } from '../../bank-messages.ts';

export default {
  iban_incomplete: "رقم IBAN الخاص بك غير مكتمل.",
  iban_invalid_characters: "يمكن أن يحتوي رقم IBAN على أحرف وأرقام فقط.",
  iban_invalid_country: "يجب أن يبدأ رقم IBAN برمز دولة صالح من حرفين.",
  iban_not_sepa: "لا يمكن استخدام أرقام IBAN من هذه الدولة لهذه الدفعة.",
  iban_too_long: "رقم IBAN أطول مما تسمح به دولته.",
  iban_invalid_checksum: "رقم IBAN غير صالح. تحقّق من أنك أدخلته بشكل صحيح.",
  routing_number_incomplete: "رقم التوجيه المصرفي غير مكتمل.",
  routing_number_invalid: "رقم التوجيه المصرفي غير صالح.",
  account_number_incomplete: "رقم الحساب غير مكتمل.",
  account_number_too_long: "رقم الحساب طويل جدًا.",
  account_number_confirmation_incomplete: "أدخل رقم حسابك مرة أخرى لتأكيده.",
  account_numbers_mismatch: "رقما الحساب غير متطابقين.",
  account_type_required: "اختر نوع الحساب (جارٍ أو توفير).",
  account_holder_type_required: "اختر صاحب الحساب (فرد أو شركة).",
  account_holder_name_incomplete: "أدخل الاسم الكامل لصاحب الحساب.",
  account_holder_name_invalid: "اسم صاحب الحساب غير صالح.",
  account_holder_name_too_long: "اسم صاحب الحساب طويل جدًا.",
  email_incomplete: "عنوان بريدك الإلكتروني غير مكتمل.",
  email_invalid: "عنوان بريدك الإلكتروني غير صالح.",
  mandate_not_accepted: "وافق على تفويض الخصم للمتابعة.",
  mandate_merchant_name_invalid: "لم تُعَدّ صفحة الدفع هذه باسم تجاري صالح لتفويض الخصم.",
  sepaMandate: "بتقديم معلومات الدفع وتأكيد هذه الدفعة، فإنك تفوّض (أ) {merchant} ومزوّد خدمات الدفع التابع له بإرسال تعليمات إلى مصرفك للخصم من حسابك، و(ب) مصرفك بالخصم من حسابك وفقًا لتلك التعليمات. ومن حقوقك استرداد المبلغ من مصرفك وفقًا لشروط وأحكام اتفاقيتك معه. ويجب طلب الاسترداد خلال 8 أسابيع من تاريخ الخصم من حسابك. وتُشرح حقوقك في بيان يمكنك الحصول عليه من مصرفك.",
  achAuthorization: "بتأكيد هذه الدفعة، فإنك تفوّض {merchant} بالخصم من الحساب المصرفي المذكور أعلاه لهذه الدفعة ولأي دفعات لاحقة توافق عليها وفقًا لشروط {merchant}، إلى أن تلغي هذا التفويض. ويمكنك إلغاؤه في أي وقت بإخطار {merchant} قبل 30 يومًا على الأقل من الخصم التالي.",
} satisfies BankTexts;
