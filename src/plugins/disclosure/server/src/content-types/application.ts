import { ORGANIZATION_UID } from '../constants';
import {
  APPLICANT_KINDS,
  APPLICATION_CHANNELS,
  APPLICATION_STATES,
  DELIVERY_METHODS,
  FEE_METHODS,
  ID_DOCUMENT_TYPES,
  PREFERRED_FORMS,
  REPLY_OUTCOMES,
} from '../domain/application-vocabulary';

const label = (zh: string, en: string, description?: string) => ({ disclosure: description ? { label: zh, labelEn: en, description } : { label: zh, labelEn: en } });
const personal = (zh: string, en: string) => ({ disclosure: { label: zh, labelEn: en, personal: true } });

/**
 * 依申请公开申请 (条例 第四章). Private by construction: no content API route, not in the content manager (staff read
 * and handle applications only through the plugin's /disclosure/applications admin API, which scopes them to the
 * receiving organization and writes every read of personal data to the audit trail), never in a feed, webhook,
 * search or export meant for the public. Fields marked `personal` are the applicant's personal data: shown only to
 * handlers of the receiving organization and removed by the retention purge (the statistics stay).
 */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'disclosure_applications',
    info: { singularName: 'application', pluralName: 'applications', displayName: '依申请公开申请', description: '政府信息公开申请及其办理、答复' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      trackingCode: { type: 'string', required: true, unique: true, maxLength: 32, pluginOptions: label('申请编号', 'Tracking code') },
      // scrypt hash of the lookup secret (the secret itself is shown once, to the applicant).
      secretHash: { type: 'string', private: true, maxLength: 200 },
      channel: { type: 'enumeration', enum: [...APPLICATION_CHANNELS], required: true, pluginOptions: label('申请渠道', 'Channel') },
      submittedAt: { type: 'datetime', required: true, pluginOptions: label('提交时间', 'Submitted at') },
      // 条例 第三十一条: null until the office has the application in hand (online: until it confirms receipt).
      receivedOn: { type: 'date', pluginOptions: label('收到申请日期', 'Received on') },
      applicantKind: { type: 'enumeration', enum: [...APPLICANT_KINDS], required: true, pluginOptions: label('申请人类型', 'Applicant kind') },
      applicantName: { type: 'string', maxLength: 100, pluginOptions: personal('申请人姓名或名称', 'Applicant name') },
      contactPerson: { type: 'string', maxLength: 100, pluginOptions: personal('联系人（法人或其他组织）', 'Contact person') },
      idType: { type: 'enumeration', enum: [...ID_DOCUMENT_TYPES], pluginOptions: personal('证件类型', 'ID document type') },
      idNumber: { type: 'string', maxLength: 40, pluginOptions: personal('证件号码', 'ID document number') },
      phone: { type: 'string', maxLength: 30, pluginOptions: personal('联系电话', 'Phone') },
      email: { type: 'string', maxLength: 254, pluginOptions: personal('电子邮箱', 'Email') },
      postalAddress: { type: 'string', maxLength: 300, pluginOptions: personal('通信地址', 'Postal address') },
      postalCode: { type: 'string', maxLength: 10, pluginOptions: personal('邮政编码', 'Postal code') },
      requestedTitle: { type: 'string', maxLength: 300, pluginOptions: label('所需信息名称', 'Requested information') },
      requestedDocumentNumber: { type: 'string', maxLength: 100, pluginOptions: label('文号', 'Document number') },
      requestedDescription: { type: 'text', maxLength: 2000, pluginOptions: label('所需信息的其他特征描述', 'Description') },
      // Optional link to the entry the application asks for (Art. 44 groups applications by it).
      requestedEntryUid: { type: 'string', maxLength: 100, pluginOptions: label('所需信息对应条目类型', 'Requested entry type') },
      requestedEntryDocumentId: { type: 'string', maxLength: 64, pluginOptions: label('所需信息对应条目', 'Requested entry') },
      purpose: { type: 'text', maxLength: 1000, pluginOptions: personal('用途', 'Purpose') },
      preferredForm: { type: 'enumeration', enum: [...PREFERRED_FORMS], pluginOptions: label('获取信息的方式', 'Preferred form') },
      deliveryMethod: { type: 'enumeration', enum: [...DELIVERY_METHODS], pluginOptions: label('获取信息的途径', 'Delivery method') },
      receivingOrganization: { type: 'relation', relation: 'manyToOne', target: ORGANIZATION_UID, pluginOptions: label('受理机关', 'Receiving organization') },
      handler: { type: 'relation', relation: 'manyToOne', target: 'admin::user', pluginOptions: label('承办人', 'Handler') },

      state: { type: 'enumeration', enum: [...APPLICATION_STATES], required: true, default: 'submitted', pluginOptions: label('办理状态', 'State') },
      // The answer clock (domain/answer-clock.ts), kept on the row so that dashboards and reminders query it in SQL.
      dueOn: { type: 'date', pluginOptions: label('答复期限', 'Due on') },
      dueOnProvisional: { type: 'boolean', default: false, pluginOptions: label('期限为暂定', 'Due date provisional') },
      pausedWorkingDays: { type: 'integer', default: 0, pluginOptions: label('不计入答复期限的工作日', 'Paused working days') },

      // 补正 (条例 第三十条)
      correctionRequestedOn: { type: 'date', pluginOptions: label('补正通知日期', 'Correction requested on') },
      correctionDueOn: { type: 'date', pluginOptions: label('补正期限', 'Correction due on') },
      correctionRequest: { type: 'text', maxLength: 2000, pluginOptions: label('需要补正的事项', 'Correction requested') },
      correctionReceivedOn: { type: 'date', pluginOptions: label('收到补正日期', 'Correction received on') },
      // 征求意见 (条例 第三十二条): [{ party, kind: 'third_party' | 'organ', sentOn, replyDueOn, answeredOn, opinion }]
      consultations: { type: 'json', pluginOptions: label('征求第三方或其他机关意见', 'Consultations') },
      // 延长答复期限 (条例 第三十三条)
      extended: { type: 'boolean', default: false, pluginOptions: label('已延长答复期限', 'Extended') },
      extendedOn: { type: 'date', pluginOptions: label('延期日期', 'Extended on') },
      extensionReason: { type: 'text', maxLength: 1000, pluginOptions: label('延期理由', 'Extension reason') },
      extensionApprovedBy: { type: 'relation', relation: 'manyToOne', target: 'admin::user', pluginOptions: label('延期批准人', 'Extension approved by') },

      // 信息处理费 (国办函〔2020〕109号): one method per application.
      feeMethod: { type: 'enumeration', enum: [...FEE_METHODS], pluginOptions: label('收费方式', 'Fee method') },
      feeOrdinalInMonth: { type: 'integer', min: 1, pluginOptions: label('当月第几件申请', 'Ordinal in month') },
      feePages: { type: 'integer', min: 1, pluginOptions: label('页数', 'Pages') },
      feeAmountYuan: { type: 'decimal', pluginOptions: label('收费金额（元）', 'Fee (yuan)') },
      feeNoticeOn: { type: 'date', pluginOptions: label('收费通知日期', 'Fee notice on') },
      feePaymentDueOn: { type: 'date', pluginOptions: label('缴费期限', 'Fee payment due on') },
      feePaidOn: { type: 'date', pluginOptions: label('缴费日期', 'Fee paid on') },
      feeWaived: { type: 'boolean', default: false, pluginOptions: label('减免', 'Fee waived') },
      // The day of the waiver: the fee period (not counted in the answer period) ends then.
      feeWaivedOn: { type: 'date', pluginOptions: label('减免日期', 'Fee waived on') },
      feeWaiverReason: { type: 'text', maxLength: 1000, pluginOptions: label('减免理由', 'Waiver reason') },

      // 答复 (条例 第三十六条), in the outcome taxonomy of the national annual-report template.
      outcome: { type: 'enumeration', enum: [...REPLY_OUTCOMES], pluginOptions: label('办理结果', 'Outcome') },
      repliedOn: { type: 'date', pluginOptions: label('答复日期', 'Replied on') },
      repliedOnTheSpot: { type: 'boolean', default: false, pluginOptions: label('当场答复', 'Replied on the spot') },
      // Art. 36's particulars: { publishedAt?: where it was published, rightOrgan?: the organ that holds it, reason?: ... }
      replyDetails: { type: 'json', pluginOptions: label('答复说明', 'Reply details') },
      // The 答复告知书 as issued (HTML), frozen at reply.
      replyLetter: { type: 'text', private: true, pluginOptions: label('答复告知书', 'Reply letter') },
      closedOn: { type: 'date', pluginOptions: label('办结日期', 'Closed on') },
      personalDataPurgedAt: { type: 'datetime', pluginOptions: label('个人信息清除时间', 'Personal data purged at') },
    },
  },
};
