#!/usr/bin/env python3
"""Writes the evidence fixtures in Tests/DiagnosticRulesTests/Fixtures/evidence/.

Deterministic: every byte comes from this file, so running it again produces the same
files. Windows writes CRLF and (regedit, PowerShell 5 redirection) UTF-16LE with a BOM;
the variants below reproduce those bytes so the tests see what operators paste.

All keys here are made up for the tests (derived from SHA-256 of fixed labels); none is a
real or publicly disclosed machine key.
"""
import hashlib
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "DiagnosticRulesTests", "Fixtures", "evidence")


def key_bytes(label, length):
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(f"{label}:{counter}".encode()).digest()
        counter += 1
    return out[:length]


def write(name, text, crlf=False, encoding="utf-8", bom=False):
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    if bom:
        data = {"utf-16-le": b"\xff\xfe", "utf-8": b"\xef\xbb\xbf"}[encoding] + data
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


GUID = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
OLD_GUID = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"
AUTOGEN = key_bytes("keywizard-fixture-autogen", 1024)
VALIDATION = key_bytes("keywizard-fixture-validation", 64).hex().upper()
DECRYPTION = key_bytes("keywizard-fixture-decryption", 32).hex().upper()
POOL_SID = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"

reg_query_guid = f"""
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
    MachineGuid    REG_SZ    {GUID}

"""

reg_query_autogen = f"""
HKEY_USERS\\{POOL_SID}\\Software\\Microsoft\\ASP.NET\\4.0.30319.0
    AutoGenKeyV4    REG_BINARY    {AUTOGEN.hex().upper()}
    AutoGenKeyCreationTime    REG_QWORD    0x1daa59b6b3f2e80
    AutoGenKeyFormat    REG_DWORD    0x1

"""

reg_query_missing = """
ERROR: The system was unable to find the specified registry key or value.
"""


def reg_hex(prefix, data):
    """regedit's hex lists: 'name=hex:' then comma-separated bytes wrapped at ~80 columns with '\\'."""
    parts = [f"{b:02x}" for b in data]
    lines = []
    line = prefix
    for i, p in enumerate(parts):
        token = p + ("," if i < len(parts) - 1 else "")
        if len(line) + len(token) > 77:
            lines.append(line + "\\")
            line = "  "
        line += token
    lines.append(line)
    return "\n".join(lines)


filetime = (0x01DAA59B6B3F2E80).to_bytes(8, "little")
reg_export_autogen = "Windows Registry Editor Version 5.00\n\n" + \
    f"[HKEY_USERS\\{POOL_SID}\\Software\\Microsoft\\ASP.NET\\4.0.30319.0]\n" + \
    reg_hex('"AutoGenKeyV4"=hex:', AUTOGEN) + "\n" + \
    reg_hex('"AutoGenKeyCreationTime"=hex(b):', filetime) + "\n" + \
    '"AutoGenKeyFormat"=dword:00000001\n\n'

reg_export_guid = f"""Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography]
"MachineGuid"="{GUID}"

"""

prefixes = ["6de9cb26d2b98c01ec4e9e8b34824aa2", "76944fb33636aeddb9590521c2e8815a",
            "d6d986f09a1ee04e24c949879fdb506c", "f686aace6942fb7f7ceb231212eef4a4"]
files = [f"{p}_{GUID}" for p in prefixes] + [f"bedbf0b4da5f8061b6444baedf4c00b1_{OLD_GUID}"]

dir_listing = """ Volume in drive C has no label.
 Volume Serial Number is 1A2B-3C4D

 Directory of C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys

05/14/2024  08:02 AM    <DIR>          .
05/14/2024  08:02 AM    <DIR>          ..
""" + "".join(f"05/14/2024  08:02 AM             2,4{i}1 {f}\n" for i, f in enumerate(files)) + \
    "03/02/2023  11:40 PM               282 desktop.ini\n" + \
    f"               {len(files) + 1} File(s)         12,391 bytes\n" + \
    "               2 Dir(s)  50,123,456,789 bytes free\n"

dir_b = "".join(f + "\n" for f in files)

gci = """
    Directory: C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys


Mode                 LastWriteTime         Length Name
----                 -------------         ------ ----
""" + "".join(f"-a-hs-         5/14/2024   8:02 AM           24{i}1 {f}\n" for i, f in enumerate(files)) + "\n\n"

plain_paths = "".join(f"C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\{f}\n" for f in files[:2])

event_xml = """<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>
 <Provider Name="Service Control Manager" Guid="{555908d1-a6d7-4695-8e1e-26931d2012f4}" EventSourceName="Service Control Manager"/>
 <EventID Qualifiers="49152">7024</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode>
 <Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime="2024-05-14T08:12:31.1234567Z"/>
 <EventRecordID>48213</EventRecordID><Correlation/><Execution ProcessID="712" ThreadID="3344"/>
 <Channel>System</Channel><Computer>WEB01.contoso.local</Computer><Security/></System>
 <EventData><Data Name="param1">IIS Admin Service</Data><Data Name="param2">2148073478 (0x80090006)</Data>
 <Binary>490049005300410044004D0049004E000000</Binary></EventData></Event>
"""


def scm_event(record, time, param2, event_id=7024):
    return ('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'
            '<Provider Name="Service Control Manager" Guid="{555908d1-a6d7-4695-8e1e-26931d2012f4}" EventSourceName="Service Control Manager"/>'
            f'<EventID Qualifiers="49152">{event_id}</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode>'
            f'<Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime="{time}"/><EventRecordID>{record}</EventRecordID>'
            '<Correlation/><Execution ProcessID="712" ThreadID="3344"/><Channel>System</Channel><Computer>WEB01.contoso.local</Computer><Security/></System>'
            f'<EventData><Data Name="param1">IIS Admin Service</Data><Data Name="param2">{param2}</Data>'
            '<Binary>490049005300410044004D0049004E000000</Binary></EventData></Event>')


# wevtutil qe System /q:"*[System[(EventID=7024)]]" /rd:true /c:3 /f:xml : bare events, one per line.
events_xml = "\n".join([
    scm_event(48301, "2024-05-15T09:01:02.0000000Z", "%%2148073478"),
    scm_event(48213, "2024-05-14T08:12:31.1234567Z", "2148073478 (0x80090006)"),
    scm_event(47002, "2024-05-10T17:44:09.5000000Z", "%%2", event_id=7000),
]) + "\n"

exported_xml = '<?xml version="1.0" encoding="utf-8"?>\n<Events>\n' + event_xml + "</Events>\n"

event_text = """Event[0]:
  Log Name: System
  Source: Service Control Manager
  Date: 2024-05-15T09:01:02.000
  Event ID: 7024
  Task: N/A
  Level: Error
  Opcode: N/A
  Keyword: Classic
  User: N/A
  User Name: N/A
  Computer: WEB01.contoso.local
  Description: 
The IIS Admin Service service terminated with the following service-specific error: 
Invalid Signature.

Event[1]:
  Log Name: System
  Source: Service Control Manager
  Date: 2024-05-14T08:12:31.123
  Event ID: 7024
  Task: N/A
  Level: Error
  Opcode: N/A
  Keyword: Classic
  User: N/A
  User Name: N/A
  Computer: WEB01.contoso.local
  Description: 
The IIS Admin Service service terminated with service-specific error 2148073478 (0x80090006).
"""

event_list = """

TimeCreated  : 5/14/2024 8:12:31 AM
ProviderName : Service Control Manager
Id           : 7024
Message      : The IIS Admin Service service terminated with the service-specific error
               2148073478 (0x80090006).

TimeCreated  : 5/10/2024 5:44:09 PM
ProviderName : Service Control Manager
Id           : 7023
Message      : The World Wide Web Publishing Service service terminated with the following error:
               The system cannot find the file specified.



"""

application_host = """<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <configProtectedData>
        <providers>
            <add name="IISWASOnlyRsaProvider" type="" description="Uses RsaCryptoServiceProvider to encrypt and decrypt" keyContainerName="iisWasKey" cspProviderName="" useMachineContainer="true" useOAEP="false" />
            <add name="AesProvider" type="Microsoft.ApplicationHost.AesProtectedConfigurationProvider" description="Uses an AES session key to encrypt and decrypt" keyContainerName="iisConfigurationKey" cspProviderName="" useOAEP="false" useMachineContainer="true" sessionKey="AQIAAA5mAAAApAAAbVQK2Zm8l9XbuQ==" />
            <add name="IISWASOnlyAesProvider" type="Microsoft.ApplicationHost.AesProtectedConfigurationProvider" description="Uses an AES session key to encrypt and decrypt" keyContainerName="iisWasKey" cspProviderName="" useOAEP="false" useMachineContainer="true" sessionKey="AQIAAA5mAAAApAAAq0Ztd1k8xQ==" />
        </providers>
    </configProtectedData>
    <system.applicationHost>
        <applicationPools>
            <add name="DefaultAppPool" />
            <add name="ShopPool" managedRuntimeVersion="v4.0">
                <processModel identityType="SpecificUser" userName="CONTOSO\\svc-shop" password="[enc:IISWASOnlyAesProvider:q1w2e3r4t5y6u7i8o9p0==:enc]" loadUserProfile="true" />
            </add>
            <add name="LegacyPool" managedRuntimeVersion="v2.0">
                <processModel identityType="NetworkService" />
            </add>
            <applicationPoolDefaults managedRuntimeVersion="v4.0">
                <processModel identityType="ApplicationPoolIdentity" />
            </applicationPoolDefaults>
        </applicationPools>
        <sites>
            <site name="Default Web Site" id="1">
                <application path="/">
                    <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />
                </application>
                <application path="/shop" applicationPool="ShopPool">
                    <virtualDirectory path="/" physicalPath="D:\\sites\\shop" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:80:" />
                </bindings>
            </site>
            <site name="Intranet" id="2">
                <application path="/" applicationPool="LegacyPool" />
                <applicationDefaults applicationPool="LegacyPool" />
            </site>
            <applicationDefaults applicationPool="DefaultAppPool" />
        </sites>
    </system.applicationHost>
</configuration>
"""

web_explicit = f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />
    <httpRuntime targetFramework="4.8" />
    <machineKey validationKey="{VALIDATION}"
                decryptionKey="{DECRYPTION}"
                validation="HMACSHA256" decryption="AES" />
  </system.web>
</configuration>
"""

web_autogen = """<configuration>
  <system.web>
    <machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps,IsolateByAppId" validation="SHA1" compatibilityMode="Framework20SP2" />
  </system.web>
</configuration>
"""

web_no_machinekey = """<?xml version="1.0"?>
<configuration>
  <system.web>
    <httpRuntime targetFramework="4.5" />
  </system.web>
</configuration>
"""

web_problems = f"""<configuration>
  <system.web>
    <machineKey validationKey="{VALIDATION[:30]}" decryptionKey="{DECRYPTION[:40]}" decryption="3DES" validation="SHA2" />
  </system.web>
</configuration>
"""

machinekey_alone = '<machineKey validationKey="autogenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" />\n'

icacls = """C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys Everyone:(R,W)
                                                BUILTIN\\Administrators:(F)
                                                NT AUTHORITY\\SYSTEM:(OI)(CI)(IO)(F)

Successfully processed 1 files; Failed processing 0 files
"""

icacls_files = f"""C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\{files[0]} NT AUTHORITY\\SYSTEM:(F)
                                                                                                                    BUILTIN\\Administrators:(R)
                                                                                                                    IIS APPPOOL\\Shop Pool:(R)
C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\{files[1]}: Access is denied.
Successfully processed 1 files; Failed processing 1 files
"""

garbage = "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n\tSed do eiusmod tempor\n"
truncated = event_xml[: len(event_xml) // 2]
binary = bytes((i * 97 + 13) % 256 for i in range(600))


def main():
    os.makedirs(OUT, exist_ok=True)
    write("reg-query-machineguid.txt", reg_query_guid)
    write("reg-query-machineguid.crlf.txt", reg_query_guid, crlf=True)
    write("reg-query-autogenkey.txt", reg_query_autogen, crlf=True)
    write("reg-query-missing.txt", reg_query_missing, crlf=True)
    write("reg-export-autogenkey.reg", reg_export_autogen, crlf=True, encoding="utf-16-le", bom=True)
    write("reg-export-machineguid.reg", reg_export_guid, crlf=True, encoding="utf-16-le", bom=True)
    write("reg-export-machineguid.utf8.reg", reg_export_guid)
    write("machinekeys-dir.txt", dir_listing, crlf=True)
    write("machinekeys-dir-b.txt", dir_b)
    write("machinekeys-gci.txt", gci, crlf=True, encoding="utf-16-le", bom=True)
    write("machinekeys-paths.txt", plain_paths)
    write("event-7024.xml", event_xml)
    write("events-wevtutil.xml", events_xml, crlf=True)
    write("events-exported.xml", exported_xml, crlf=True, encoding="utf-8", bom=True)
    write("event-7024-text.txt", event_text, crlf=True)
    write("event-7024-list.txt", event_list, crlf=True, encoding="utf-16-le", bom=True)
    write("applicationHost.config", application_host, crlf=True)
    write("web-explicit.config", web_explicit, crlf=True)
    write("web-autogen.config", web_autogen)
    write("web-no-machinekey.config", web_no_machinekey)
    write("web-problems.config", web_problems)
    write("machinekey-alone.txt", machinekey_alone)
    write("icacls-folder.txt", icacls, crlf=True)
    write("icacls-files.txt", icacls_files, crlf=True)
    write("broken-garbage.txt", garbage)
    write("broken-truncated.xml", truncated)
    with open(os.path.join(OUT, "broken-binary.bin"), "wb") as f:
        f.write(binary)
    # The secret key hex in the fixtures, for the no-leak test (the test also checks them).
    write("secrets.txt", "\n".join([AUTOGEN.hex().upper(), VALIDATION, DECRYPTION, VALIDATION[:30], DECRYPTION[:40]]) + "\n")


if __name__ == "__main__":
    main()
