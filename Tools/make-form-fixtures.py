#!/usr/bin/env python3
"""Writes the evidence-form fixtures of issue 10: command output as Windows servers of each
version family and display language print it.

    Tests/DiagnosticRulesTests/Fixtures/forms/<family>/<file>     (parser tests, fuzzing)
    Playbooks/tests/iis-admin-machineguid/evidence/forms/<file>   (playbook cases)

Every file's origin is recorded in PROVENANCE and written to SOURCES.md next to the files;
a test fails when a fixture has no entry. "captured" means the form was seen in a published
capture (the URL is given); "reconstructed" means it was written from documentation (cited)
or, where marked UNVERIFIED, from memory of localized servers, with no published capture
found by the search tool. Byte forms follow the tools: cmd and reg write CRLF; wmic and
PowerShell 5 redirection write UTF-16LE with a BOM; pastes are Unicode text.

GUIDs and names are the made-up ones the other fixtures use; no real server's data.
"""
import os

ROOT = os.path.join(os.path.dirname(__file__), "..")
FORMS = os.path.join(ROOT, "Tests", "DiagnosticRulesTests", "Fixtures", "forms")
CASES = os.path.join(ROOT, "Playbooks", "tests", "iis-admin-machineguid", "evidence", "forms")

GUID = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
OLD = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"
C23 = "c2319c42033a5ca7f44e731bfd3fa2b5"
IISCFG = "6de9cb26d2b98c01ec4e9e8b34824aa2"
WAS = "76944fb33636aeddb9590521c2e8815a"
OTHER = "f686aace6942fb7f7ceb231212eef4a4"
IISADMIN_BINARY = "490049005300410044004D0049004E0000000000"
NBSP = "\u00a0"
NNBSP = "\u202f"

PROVENANCE = {}
DOC_REG = "reconstructed from the Microsoft `reg query` command reference (Windows XP/Server 2003 edition) and the reg.exe 3.0 form quoted in issue 10 (`! REG.EXE VERSION 3.0`, tab-separated)"
DOC_EV2003 = "reconstructed from the Event Viewer 'Copy' layout of Windows Server 2003 as quoted in Microsoft KB 920720 (Event Type:/Event Source:/Event ID:/Description:)"
CAP_EV2008 = "captured form: Event Viewer 'Copy details as text' of a 2008 R2 server quoted at http://pcsmitpra.blogspot.com/2013/08/the-iis-admin-service-service.html (Log Name:/Source:/Date:/Event ID:/.../Description:/Event Xml:)"
DOC_EQ = "reconstructed from the Windows Server 2003 command-line reference 'Eventquery' (/fo TABLE|LIST|CSV, /v adds Category, User, Description)"
DOC_WMIC = "reconstructed from the Win32_NTLogEvent class documentation and wmic's documented default table and /format:list output (properties in alphabetical order, WMI datetime)"
DOC_GEL = "reconstructed from the Get-EventLog documentation (Microsoft.PowerShell.Management 5.1) and PowerShell's default EventLogEntry table/list formatting"
DOC_GIP = "reconstructed from the Get-ItemProperty / Get-ItemPropertyValue documentation (Microsoft.PowerShell.Management) and PowerShell's Format-List output"
DOC_CACLS = "reconstructed from the cacls command reference (Windows Server 2003) and KB 278381 (default MachineKeys ACL)"
DOC_DIR = "reconstructed from cmd's `dir` output as in the English fixtures (make-fixtures.py)"
UNVERIFIED = "UNVERIFIED wording: reconstructed from memory of localized servers; no published capture was found with the search tool"
DOC_WEVT = "reconstructed from `wevtutil qe ... /f:text` output as in the English fixtures; without /rd:true wevtutil lists the oldest event first (wevtutil documentation)"


def write(family, name, text, source, crlf=True, encoding="utf-8", bom=False, case=False):
    directory = os.path.join(FORMS, family)
    os.makedirs(directory, exist_ok=True)
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode(encoding)
    if bom:
        data = {"utf-16-le": b"\xff\xfe", "utf-8": b"\xef\xbb\xbf"}[encoding] + data
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)
    PROVENANCE.setdefault(family, []).append((name, source))
    if case:
        os.makedirs(CASES, exist_ok=True)
        case_name = f"{family}-{name}"
        with open(os.path.join(CASES, case_name), "wb") as f:
            f.write(data)
        PROVENANCE.setdefault("cases", []).append((case_name, f"copy of Tests/DiagnosticRulesTests/Fixtures/forms/{family}/{name}: {source}"))


def listing(rows):
    return "\n".join(rows)


# ---------------------------------------------------------------- Windows Server 2003 (nt5)
write("nt5", "reg-query-machineguid-tabs.txt",
      f"! REG.EXE VERSION 3.0\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid\tREG_SZ\t{GUID}\n\n",
      DOC_REG, case=True)
write("nt5", "reg-query-machineguid-spaces.txt",
      f"! REG.EXE VERSION 3.0\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid REG_SZ  {GUID}\n\n",
      DOC_REG + "; tabs turned into spaces to the next 8-column stop, as a console copy does")
write("nt5", "reg-query-missing.txt",
      "\n! REG.EXE VERSION 3.0\n\nError:  The system was unable to find the specified registry key or value\n",
      DOC_REG + "; error wording as quoted in issue 10")
ev2003 = f"""Event Type:\tError
Event Source:\tService Control Manager
Event Category:\tNone
Event ID:\t7024
Date:\t\t5/14/2010
Time:\t\t8:12:31 AM
User:\t\tN/A
Computer:\tWEB03
Description:
The IIS Admin service terminated with service specific error 2148073478 (0x80090006).

For more information, see Help and Support Center at http://go.microsoft.com/fwlink/events.asp.
"""
write("nt5", "eventviewer-copy-7024.txt", ev2003, DOC_EV2003, case=True)
eq_list = """
------------------------------------------------------------------------------
Listing the events in 'system' log of host 'WEB03'
------------------------------------------------------------------------------
Type:         error
Event:        7024
Date Time:    5/10/2010 7:01:12 AM
Source:       Service Control Manager
ComputerName: WEB03
Category:     None
User:         N/A
Description:  The Contoso Licence Agent service terminated with service specific error 2148073478 (0x80090006).

Type:         error
Event:        7024
Date Time:    5/14/2010 8:12:31 AM
Source:       Service Control Manager
ComputerName: WEB03
Category:     None
User:         N/A
Description:  The IIS Admin service terminated with service specific error 2148073478 (0x80090006).

Type:         error
Event:        7024
Date Time:    5/12/2010 9:30:00 AM
Source:       Service Control Manager
ComputerName: WEB03
Category:     None
User:         N/A
Description:  The IIS Admin service terminated with service specific error 2148073485 (0x8009000D).
"""
write("nt5", "eventquery-list.txt", eq_list, DOC_EQ, case=True)
eq_table = """
------------------------------------------------------------------------------
Listing the events in 'system' log of host 'WEB03'
------------------------------------------------------------------------------
Type   Event  Date Time             Source                   ComputerName
------ ------ --------------------- ------------------------ ------------
error  7024   5/10/2010 7:01:12 AM  Service Control Manager  WEB03
error  7024   5/14/2010 8:12:31 AM  Service Control Manager  WEB03
"""
write("nt5", "eventquery-table.txt", eq_table, DOC_EQ)
eq_csv = '''"Type","Event","Date Time","Source","ComputerName","Category","User","Description"
"error","7024","5/14/2010 8:12:31 AM","Service Control Manager","WEB03","None","N/A","The IIS Admin service terminated with service specific error 2148073478 (0x80090006)."
"error","7024","5/10/2010 7:01:12 AM","Service Control Manager","WEB03","None","N/A","The Contoso Licence Agent service terminated with service specific error 2148073478 (0x80090006)."
'''
write("nt5", "eventquery-csv.txt", eq_csv, DOC_EQ)
wmic_list = """

EventCode=7024
InsertionStrings={"Contoso Licence Agent","%%2148073478"}
Message=The Contoso Licence Agent service terminated with service specific error 2148073478 (0x80090006).
RecordNumber=4711
SourceName=Service Control Manager
TimeGenerated=20100510070112.000000-000


EventCode=7024
InsertionStrings={"IIS Admin","%%2148073478"}
Message=The IIS Admin service terminated with service specific error 2148073478 (0x80090006).
RecordNumber=4790
SourceName=Service Control Manager
TimeGenerated=20100514081231.000000-000


"""
write("nt5", "wmic-ntevent-list.txt", wmic_list, DOC_WMIC + "; UTF-16LE with BOM as `wmic ... > file` writes", encoding="utf-16-le", bom=True)
iis_bytes = "{73, 0, 73, 0, 83, 0, 65, 0, 68, 0, 77, 0, 73, 0, 78, 0, 0, 0}"
wmic_rows = [["Data", "EventCode", "InsertionStrings", "SourceName", "TimeGenerated"],
             [iis_bytes, "7024", '{"IIS Admin Service", "%%2148073478"}', "Service Control Manager", "20240514081231.123000-000"],
             ["{}", "7024", '{"Contoso Licence Agent", "%%2148073478"}', "Service Control Manager", "20240510070112.000000-000"]]
widths = [max(len(r[k]) for r in wmic_rows) + 2 for k in range(5)]
wmic_table = "\n".join("".join(c.ljust(widths[k]) for k, c in enumerate(r)) for r in wmic_rows) + "\n\n"
write("nt5", "wmic-ntevent-table.txt", wmic_table, DOC_WMIC + "; Data holds the service key name (IISADMIN) as UTF-16LE bytes")
cacls = f"""C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys Everyone:(special access:)
                                                                                      READ_CONTROL
                                                                                      SYNCHRONIZE
                                                                                      FILE_GENERIC_READ
                                                                                      FILE_GENERIC_WRITE

                                                                                      BUILTIN\\Administrators:F
                                                                                      NT AUTHORITY\\SYSTEM:F

"""
write("nt5", "cacls-machinekeys.txt", cacls, DOC_CACLS)
write("nt5", "cacls-system-read.txt", cacls.replace("NT AUTHORITY\\SYSTEM:F", "NT AUTHORITY\\SYSTEM:R"), DOC_CACLS + "; SYSTEM reduced to Read")
dir2003 = f""" Volume in drive C has no label.
 Volume Serial Number is 1A2B-3C4D

 Directory of C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys

05/14/2010  08:02 AM    <DIR>          .
05/14/2010  08:02 AM    <DIR>          ..
05/14/2010  08:02 AM             2,401 {C23}_{OLD}
05/14/2010  08:02 AM             2,431 {OTHER}_{GUID}
               2 File(s)          4,832 bytes
               2 Dir(s)  10,123,456,789 bytes free
"""
write("nt5", "dir-machinekeys.txt", dir2003, DOC_DIR + "; the 2003 path under Documents and Settings", case=True)

# ---------------------------------------------------------------- Vista / 2008 and later (nt6)
def wevt(index, date, service, error, binary=True):
    return f"""Event[{index}]:
  Log Name: System
  Source: Service Control Manager
  Date: {date}
  Event ID: 7024
  Task: N/A
  Level: Error
  Opcode: N/A
  Keyword: Classic
  User: N/A
  User Name: N/A
  Computer: WEB01.contoso.local
  Description: 
The {service} service terminated with service-specific error {error}.
"""
three = (wevt(0, "2024-05-10T07:01:12.000", "Contoso Licence Agent", "2148073478 (0x80090006)")
         + wevt(1, "2024-05-12T09:30:00.500", "IIS Admin Service", "2148073485 (0x8009000D)")
         + wevt(2, "2024-05-14T08:12:31.123", "IIS Admin Service", "2148073478 (0x80090006)"))
write("nt6", "wevtutil-three-oldest-first.txt", three, DOC_WEVT + "; three 7024 events, oldest first (no /rd:true)", case=True)
write("nt6", "wevtutil-invalid-signature.txt", """Event[0]:
  Log Name: System
  Source: Service Control Manager
  Date: 2024-05-14T08:12:31.123
  Event ID: 7024
  Level: Error
  Computer: WEB01.contoso.local
  Description: 
The IIS Admin Service service terminated with the following service-specific error: 
Invalid Signature.
""", DOC_WEVT + "; message form of 2012 R2 and later, where %%2148073478 is rendered as its text (Microsoft Tech Community threads, 2019 and 2025, cited in the playbook)", case=True)
ev2008 = f"""Log Name:      System
Source:        Service Control Manager
Date:          5/14/2024 8:12:31 AM
Event ID:      7024
Task Category: None
Level:         Error
Keywords:      Classic
User:          N/A
Computer:      WEB01.contoso.local
Description:
The IIS Admin Service service terminated with service-specific error 2148073478 (0x80090006).
Event Xml:
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="Service Control Manager" Guid="{{555908d1-a6d7-4695-8e1e-26931d2012f4}}" EventSourceName="Service Control Manager" />
    <EventID Qualifiers="49152">7024</EventID>
    <Level>2</Level>
    <TimeCreated SystemTime="2024-05-14T08:12:31.123456700Z" />
    <EventRecordID>49238816</EventRecordID>
    <Channel>System</Channel>
    <Computer>WEB01.contoso.local</Computer>
  </System>
  <EventData>
    <Data Name="param1">IIS Admin Service</Data>
    <Data Name="param2">%%2148073478</Data>
    <Binary>{IISADMIN_BINARY}</Binary>
  </EventData>
</Event>
"""
write("nt6", "eventviewer-copy-7024.txt", ev2008, CAP_EV2008, crlf=True)
gel_table = """
   Index Time          EntryType   Source                 InstanceID Message
   ----- ----          ---------   ------                 ---------- -------
   12346 May 14 08:12  Error       Service Control M...   3221232496 The IIS Admin Service service terminated with the following service-specific error: ...
   12001 May 10 07:01  Error       Service Control M...   3221232496 The Contoso Licence Agent service terminated with the following service-speci...

"""
write("nt6", "get-eventlog-table.txt", gel_table, DOC_GEL)
gel_list = """

Index              : 12001
EntryType          : Error
InstanceId         : 3221232496
Message            : The Contoso Licence Agent service terminated with the following service-specific error:
                     Invalid Signature.
Category           : (0)
CategoryNumber     : 0
ReplacementStrings : {Contoso Licence Agent, %%2148073478}
Source             : Service Control Manager
TimeGenerated      : 5/10/2024 7:01:12 AM
TimeWritten        : 5/10/2024 7:01:12 AM
UserName           :

Index              : 12346
EntryType          : Error
InstanceId         : 3221232496
Message            : The IIS Admin Service service terminated with the following service-specific error:
                     Invalid Signature.
Category           : (0)
CategoryNumber     : 0
ReplacementStrings : {IIS Admin Service, %%2148073478}
Source             : Service Control Manager
TimeGenerated      : 5/14/2024 8:12:31 AM
TimeWritten        : 5/14/2024 8:12:31 AM
UserName           :


"""
write("nt6", "get-eventlog-list.txt", gel_list, DOC_GEL + "; UTF-16LE with BOM as PowerShell 5 `>` writes", encoding="utf-16-le", bom=True, case=True)
write("nt6", "ps-itemproperty.txt", f"""

MachineGuid  : {GUID}
PSPath       : Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
PSParentPath : Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft
PSChildName  : Cryptography
PSDrive      : HKLM
PSProvider   : Microsoft.PowerShell.Core\\Registry


""", DOC_GIP, case=True)
write("nt6", "ps-itempropertyvalue.txt", f"PS C:\\> Get-ItemPropertyValue HKLM:\\SOFTWARE\\Microsoft\\Cryptography -Name MachineGuid\n{GUID}\n", DOC_GIP, case=True)
write("nt6", "ps-itemproperty-missing.txt", """Get-ItemProperty : Cannot find path 'HKLM:\\SOFTWARE\\Microsoft\\Cryptographyy' because it does not exist.
At line:1 char:1
+ Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Cryptographyy
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : ObjectNotFound: (HKLM:\\SOFTWARE\\Microsoft\\Cryptographyy:String) [Get-ItemProperty], ItemNotFoundException
    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand
""", DOC_GIP + "; Windows PowerShell 5.1 error record layout")
write("nt6", "junk.txt", "hello, this is not command output\nlunch at 12?\n", "made up: text that is no command's output")

# ---------------------------------------------------------------- other languages
def dir_rows(date_time, sizes, fmt_size, dir_word="<DIR>"):
    rows = [f"{date_time}    {dir_word}          .", f"{date_time}    {dir_word}          .."]
    for (name, size) in sizes:
        rows.append(f"{date_time}    {fmt_size(size):>14} {name}")
    return rows

files = [(f"{C23}_{OLD}", 2401), (f"{IISCFG}_{OLD}", 2411), (f"{WAS}_{OLD}", 2421), (f"{OTHER}_{GUID}", 2431)]
def group(n, sep):
    s = f"{n:,}"
    return s.replace(",", sep)

lang = {
    "de-DE": dict(
        header=[" Datenträger in Laufwerk C: hat keine Bezeichnung.", " Volumeseriennummer: 1A2B-3C4D", "", " Verzeichnis von C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys", ""],
        dt="14.05.2024  08:02", sep=".", dirword="<DIR>",
        totals=["               4 Datei(en),          9.684 Bytes", "               2 Verzeichnis(se), 50.123.456.789 Bytes frei"]),
    "fr-FR": dict(
        header=[" Le volume dans le lecteur C n’a pas de nom.", " Le numéro de série du volume est 1A2B-3C4D", "", " Répertoire de C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys", ""],
        dt="14/05/2024  08:02", sep=NBSP, dirword="<REP>",
        totals=[f"               4 fichier(s)            9{NBSP}684 octets", f"               2 Rép(s)  50{NBSP}123{NBSP}456{NBSP}789 octets libres"]),
    "ja-JP": dict(
        header=[" ドライブ C のボリューム ラベルがありません。", " ボリューム シリアル番号は 1A2B-3C4D です", "", " C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys のディレクトリ", ""],
        dt="2024/05/14  08:02", sep=",", dirword="<DIR>",
        totals=["               4 個のファイル               9,684 バイト", "               2 個のディレクトリ  50,123,456,789 バイトの空き領域"]),
    "zh-CN": dict(
        header=[" 驱动器 C 中的卷没有标签。", " 卷的序列号是 1A2B-3C4D", "", " C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys 的目录", ""],
        dt="2024/05/14  08:02", sep=",", dirword="<DIR>",
        totals=["               4 个文件          9,684 字节", "               2 个目录 50,123,456,789 可用字节"]),
    "zh-TW": dict(
        header=[" 磁碟區 C 中的磁碟沒有標籤。", " 磁碟區序號:  1A2B-3C4D", "", " C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys 的目錄", ""],
        dt="2024/05/14  上午 08:02", sep=",", dirword="<DIR>",
        totals=["               4 個檔案           9,684 位元組", "               2 個目錄  50,123,456,789 位元組可用"]),
}
for code, d in lang.items():
    rows = d["header"] + dir_rows(d["dt"], files, lambda n, s=d["sep"]: group(n, s), d["dirword"]) + d["totals"]
    write(code, "dir-machinekeys.txt", "\n".join(rows) + "\n", DOC_DIR + f"; {code} headers, date format, totals: " + UNVERIFIED, case=True)
# French with U+202F (narrow no-break space), as newer builds group thousands.
rows = lang["fr-FR"]["header"] + dir_rows(lang["fr-FR"]["dt"], files, lambda n: group(n, NNBSP), "<REP>") + [t.replace(NBSP, NNBSP) for t in lang["fr-FR"]["totals"]]
write("fr-FR", "dir-machinekeys-narrow-nbsp.txt", "\n".join(rows) + "\n", DOC_DIR + "; fr-FR with U+202F thousands separators: " + UNVERIFIED)

# PowerShell Get-ChildItem: headers are the same in every language, dates are not.
gci_rows = ["", "", "    目錄: C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys", "", "",
            "Mode                 LastWriteTime         Length Name", "----                 -------------         ------ ----"]
for name, size in files:
    gci_rows.append(f"-a-s--     2024/5/14  上午 08:02 {size:>14} {name}")
write("zh-TW", "gci-machinekeys.txt", "\n".join(gci_rows) + "\n\n", "reconstructed from Get-ChildItem's default table (headers not localized; zh-TW date with 上午 before the time); the localized 'Directory:' label: " + UNVERIFIED)

def evxml(param1):
    return f"""<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="Service Control Manager" Guid="{{555908d1-a6d7-4695-8e1e-26931d2012f4}}" EventSourceName="Service Control Manager" />
    <EventID Qualifiers="49152">7024</EventID>
    <TimeCreated SystemTime="2024-05-14T08:12:31.123456700Z" />
    <EventRecordID>49238816</EventRecordID>
    <Channel>System</Channel>
    <Computer>WEB01.contoso.local</Computer>
  </System>
  <EventData>
    <Data Name="param1">{param1}</Data>
    <Data Name="param2">%%2148073478</Data>
    <Binary>{IISADMIN_BINARY}</Binary>
  </EventData>
</Event>
"""

events = {
    "de-DE": f"""Protokollname: System
Quelle:        Service Control Manager
Datum:         14.05.2024 08:12:31
Ereignis-ID:   7024
Aufgabenkategorie:Keine
Ebene:         Fehler
Schlüsselwörter:Klassisch
Benutzer:      Nicht zutreffend
Computer:      WEB01.contoso.local
Beschreibung:
Der Dienst "IIS-Verwaltungsdienst" wurde mit folgendem dienstspezifischem Fehler beendet: 
Ungültige Signatur.
Ereignis-XML:
""" + evxml("IIS-Verwaltungsdienst"),
    "fr-FR": """Nom du journal :System
Source :       Service Control Manager
Date :         14/05/2024 08:12:31
ID de l’événement :7024
Catégorie de la tâche :Aucun
Niveau :       Erreur
Mots clés :    Classique
Utilisateur :  N/A
Ordinateur :   WEB01.contoso.local
Description :
Le service Service d’administration IIS s’est arrêté avec l’erreur spécifique au service suivante : 
Signature non valide.
""",
    "ja-JP": """ログの名前:         System
ソース:           Service Control Manager
日付:             2024/05/14 8:12:31
イベント ID:       7024
タスクのカテゴリ:     なし
レベル:           エラー
キーワード:         クラシック
ユーザー:          N/A
コンピューター:       WEB01.contoso.local
説明:
IIS 管理サービス サービスは、次のサービス固有エラーで終了しました: 
署名が無効です。
""",
    "zh-CN": """日志名称:          System
来源:            Service Control Manager
日期:            2024/5/14 8:12:31
事件 ID:         7024
任务类别:          无
级别:            错误
关键字:           经典
用户:            暂缺
计算机:           WEB01.contoso.local
描述:
IIS 管理服务 服务因下列服务特定错误而停止: 
签名无效。
事件 Xml:
""" + evxml("IIS 管理服务"),
    "zh-TW": """記錄檔名稱:        System
來源:            Service Control Manager
日期:            2024/5/14 上午 08:12:31
事件識別碼:         7024
工作類別:          無
層級:            錯誤
關鍵字:           傳統
使用者:           N/A
電腦:            WEB01.contoso.local
描述:
IIS 管理服務 服務已終止，發生下列服務特定錯誤: 
簽章無效。
""",
}
for code, text in events.items():
    how = "Event Xml with param1, %%2148073478 and the IISADMIN Binary" if "Binary" in text else "no Event Xml: the localized display name and message text must carry it"
    write(code, "eventviewer-copy-7024.txt", text, f"layout of the captured 2008 R2 copy ({CAP_EV2008.split(' at ')[1].split(' ')[0]}); {code} labels and message: {UNVERIFIED}; {how}", case=True)

missing = {
    "de-DE": "FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.",
    "fr-FR": "ERREUR : le système n’a pas trouvé la clé ou la valeur de Registre spécifiée.",
    "ja-JP": "エラー: 指定されたレジストリ キーまたは値が見つかりませんでした",
    "zh-CN": "错误: 系统找不到指定的注册表项或值。",
    "zh-TW": "錯誤: 系統找不到指定的登錄機碼或值。",
}
for code, text in missing.items():
    write(code, "reg-query-missing.txt", text + "\n", f"reg.exe 'not found' message in {code}: {UNVERIFIED}")

write("other", "eventviewer-copy-ru-RU.txt", """Имя журнала:   System
Источник:      Service Control Manager
Дата:          14.05.2024 8:12:31
Код события:   7024
Категория задачи:Отсутствует
Уровень:       Ошибка
Описание:
Служба "IIS Admin Service" завершена из-за ошибки
""", "a language KeyWizard does not read (ru-RU), to test the refusal that names wevtutil /f:xml; " + UNVERIFIED)

for family, entries in PROVENANCE.items():
    directory = CASES if family == "cases" else os.path.join(FORMS, family)
    with open(os.path.join(directory, "SOURCES.md"), "w", encoding="utf-8") as f:
        f.write("# Where each fixture's form comes from\n\nWritten by Tools/make-form-fixtures.py; do not edit by hand.\n\n")
        for name, source in entries:
            f.write(f"- `{name}`: {source}\n")
