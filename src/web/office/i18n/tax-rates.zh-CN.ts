// 税率设置卡片的中文文案。
export const taxRatesZhCN = {
  taxRates: {
    title: '税率',
    help: '商品只能选用已启用的税率；默认税率在新建商品时预选。税率不能删除，只能停用。',
    rate: '税率',
    name: '名称',
    nameEn: '英文名称',
    active: '启用',
    isDefault: '默认',
    add: '添加税率',
    save: '保存',
    saved: '已保存',
    added: '已添加税率 {{rate}}%',
    readOnly: '只有财务或老板可以修改税率',
    inUse: '有在售商品使用该税率（{{skus}}），请先修改或归档这些商品',
  },
  problems: {
    tax_rate_exists: '该税率已存在',
    tax_rate_is_default: '这是默认税率，请先把其他税率设为默认',
    default_required: '必须有一个默认税率：请把其他税率设为默认',
    default_inactive: '默认税率必须是启用的',
    tax_rate_inactive: '该税率已停用，请选择其他税率',
    unknown_tax_rate: '该税率不在公司的税率列表中（设置 → 税率）',
  },
  auditActions: {
    tax_rate: { created: '添加税率', updated: '修改税率' },
  },
};
