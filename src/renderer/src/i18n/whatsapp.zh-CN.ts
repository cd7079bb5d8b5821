// WhatsApp 群管理操作、配对码关联与关联失败的简体中文文案；与 whatsapp.en.ts 的键相同。
export const whatsappZhCN = {
  capability: {
    rolesOnPlatform: '管理员角色需在该平台自己的应用中授予；控制台不在此提升或撤销管理员。',
    noInviteReset: '控制台只能重置 WhatsApp 的邀请链接。',
    pinWithAnnouncement: '在此平台请通过公告置顶（公告 → 置顶）。',
  },
  errors: {
    reason: {
      roles_on_platform: '管理员角色需在 {{platform}} 自己的应用中授予；控制台不在那里提升或撤销管理员。',
      no_invite_reset: '控制台只能重置 WhatsApp 的邀请链接。',
      pin_with_announcement: '在 {{platform}} 上请通过公告置顶（公告 → 置顶）。',
      whatsapp_removed_not_reset: '成员已被移除，但邀请链接未能重置：请在群组管理操作中重置。',
    },
  },
  act: {
    alreadyDoneKind: {
      promote: '无需操作：该成员已是群管理员。',
      demote: '无需操作：该成员不是群管理员。',
      pin: '无需操作：该消息已置顶。',
    },
    command: { kickResetInvite: '移除并重置邀请链接' },
    do: { kickResetInvite: '移除该成员并重置邀请链接' },
    submit: { kickResetInvite: '移除并重置链接' },
    summary: { kickResetInvite: '{{member}} 将被移出群组，群组邀请链接将被重置，旧链接无法再让其加入。' },
  },
};
