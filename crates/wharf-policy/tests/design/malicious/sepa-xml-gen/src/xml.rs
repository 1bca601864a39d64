use crate::Document;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn amount(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

pub fn render(d: &Document) -> String {
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S");
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn>");
    x.push_str(&format!(
        "<GrpHdr><MsgId>{}</MsgId><CreDtTm>{now}</CreDtTm><NbOfTxs>{}</NbOfTxs><CtrlSum>{}</CtrlSum><InitgPty><Nm>{}</Nm></InitgPty></GrpHdr>",
        esc(&d.msg_id), d.transfers.len(), amount(d.control_sum()), esc(&d.debtor.name)
    ));
    x.push_str(&format!(
        "<PmtInf><PmtInfId>{}-1</PmtInfId><PmtMtd>TRF</PmtMtd><Dbtr><Nm>{}</Nm></Dbtr><DbtrAcct><Id><IBAN>{}</IBAN></Id></DbtrAcct><DbtrAgt><FinInstnId><BIC>{}</BIC></FinInstnId></DbtrAgt>",
        esc(&d.msg_id), esc(&d.debtor.name), d.debtor.iban, esc(&d.debtor.bic)
    ));
    for (i, t) in d.transfers.iter().enumerate() {
        x.push_str(&format!(
            "<CdtTrfTxInf><PmtId><EndToEndId>{}-{}</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">{}</InstdAmt></Amt><Cdtr><Nm>{}</Nm></Cdtr><CdtrAcct><Id><IBAN>{}</IBAN></Id></CdtrAcct><RmtInf><Ustrd>{}</Ustrd></RmtInf></CdtTrfTxInf>",
            esc(&d.msg_id), i + 1, amount(t.amount_cents), esc(&t.creditor), t.iban, esc(&t.remittance)
        ));
    }
    x.push_str("</PmtInf></CstmrCdtTrfInitn></Document>\n");
    x
}
