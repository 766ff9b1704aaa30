#!/usr/bin/env python3
"""Writes the evidence files of the shipped playbook cases (Playbooks/tests/*/evidence/).

Formats follow /work/shared/domain/machine-keys.md: CRLF where Windows writes it, a
UTF-16LE .reg export with BOM, MachineKeys names <md5 prefix>_<MachineGuid> with the pinned
prefixes. Key material is obviously fake (DEADBEEF..., 0BADF00D...) but valid hex.
Run from the repository root: python3 Tools/make-playbook-evidence.py
"""
import hashlib, os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Playbooks", "tests")
G1 = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"   # this server's MachineGuid (domain notes 3.4)
G0 = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"   # the GUID before a clone / sysprep
GS = "9d3c1b2a-4e5f-4a6b-8c7d-1e2f3a4b5c6d"   # another server's MachineGuid
C23 = "c2319c42033a5ca7f44e731bfd3fa2b5"      # "Microsoft Internet Information Server" (keywizard container)
CFG = "6de9cb26d2b98c01ec4e9e8b34824aa2"      # iisConfigurationKey
WAS = "76944fb33636aeddb9590521c2e8815a"      # iisWasKey
NET = "d6d986f09a1ee04e24c949879fdb506c"      # NetFrameworkConfigurationKey
TSS = "f686aace6942fb7f7ceb231212eef4a4"      # TSSecKeySet1
DCOM = "7a436fe806e483969f48a894af2fe9a1"     # "MS IIS DCOM Server" (computed, domain notes 3.2)
VK_A = "DEADBEEF" * 16   # 64-byte validation keys
VK_B = "0BADF00D" * 16
DK_A = "CAFEBABE" * 8    # 32-byte AES decryption keys
DK_B = "FEEDFACE" * 8
AUTOGEN = "0BADC0DE" * 256  # 1024-byte AutoGenKeyV4 blob


def write(playbook, name, text, crlf=True, utf16=False):
    folder = os.path.join(ROOT, playbook, "evidence")
    os.makedirs(folder, exist_ok=True)
    text = text.lstrip("\n")
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def dir_listing(files):
    rows = "".join(f"05/14/2024  08:02 AM             2,{401 + 10 * i} {n}\n" for i, n in enumerate(files))
    return f""" Volume in drive C has no label.
 Volume Serial Number is 1A2B-3C4D

 Directory of C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys

05/14/2024  08:02 AM    <DIR>          .
05/14/2024  08:02 AM    <DIR>          ..
{rows}               {len(files)} File(s)         {2401 * len(files):,} bytes
               2 Dir(s)  50,123,456,789 bytes free
"""


def reg_guid(guid):
    return f"""
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
    MachineGuid    REG_SZ    {guid}

"""


MISSING = "\nERROR: The system was unable to find the specified registry key or value.\n"

EVENT_7024_XML = """<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>
 <Provider Name="Service Control Manager" Guid="{555908d1-a6d7-4695-8e1e-26931d2012f4}" EventSourceName="Service Control Manager"/>
 <EventID Qualifiers="49152">7024</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode>
 <Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime="2024-05-14T08:12:31.1234567Z"/>
 <EventRecordID>48213</EventRecordID><Correlation/><Execution ProcessID="712" ThreadID="3344"/>
 <Channel>System</Channel><Computer>WEB01.contoso.local</Computer><Security/></System>
 <EventData><Data Name="param1">IIS Admin Service</Data><Data Name="param2">2148073478 (0x80090006)</Data>
 <Binary>490049005300410044004D0049004E000000</Binary></EventData></Event>
"""

EVENT_7024_TEXT = """Event[0]:
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

EVENT_7024_OTHER_SERVICE = EVENT_7024_TEXT.replace("The IIS Admin Service service", "The Contoso Licence Agent service").replace("08:12:31.123", "08:40:02.517")

EVENT_7024_LIST_LOGON = """

TimeCreated  : 5/14/2024 8:12:31 AM
ProviderName : Service Control Manager
Id           : 7024
Message      : The IIS Admin Service service terminated with service-specific error
               2147943726 (0x8007052E).

"""

ICACLS_OK = """C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys Everyone:(R,W)
                                                BUILTIN\\Administrators:(F)
                                                NT AUTHORITY\\SYSTEM:(OI)(CI)(F)
Successfully processed 1 files; Failed processing 0 files
"""

ICACLS_BROKEN = """C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys Everyone:(R,W)
                                                BUILTIN\\Administrators:(F)
                                                NT AUTHORITY\\SYSTEM:(R)
Successfully processed 1 files; Failed processing 0 files
"""


def machinekey(attrs, runtime=None):
    rt = f'\n    <httpRuntime targetFramework="{runtime}" />' if runtime else ""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />{rt}
    <machineKey {attrs} />
  </system.web>
</configuration>
"""


NO_MACHINEKEY = """<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />
    <authentication mode="Forms">
      <forms loginUrl="~/Account/Login" timeout="2880" />
    </authentication>
  </system.web>
</configuration>
"""

ENCRYPTED = """<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.web>
    <machineKey configProtectionProvider="RsaProtectedConfigurationProvider">
      <EncryptedData Type="http://www.w3.org/2001/04/xmlenc#Element" xmlns="http://www.w3.org/2001/04/xmlenc#">
        <EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc" />
        <CipherData><CipherValue>RkFLRS1DSVBIRVJURVhULU5PVC1BLUtFWQ==</CipherValue></CipherData>
      </EncryptedData>
    </machineKey>
  </system.web>
</configuration>
"""


def apphost(pools):
    adds = "\n".join(pools)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <configProtectedData>
        <providers>
            <add name="IISWASOnlyRsaProvider" type="" description="Uses RsaCryptoServiceProvider to encrypt and decrypt" keyContainerName="iisWasKey" cspProviderName="" useMachineContainer="true" useOAEP="false" />
            <add name="AesProvider" type="Microsoft.ApplicationHost.AesProtectedConfigurationProvider" description="Uses an AES session key to encrypt and decrypt" keyContainerName="iisConfigurationKey" cspProviderName="" useOAEP="false" useMachineContainer="true" sessionKey="AQIAAA5mAAAApAAARkFLRVNFU1NJT05LRVk=" />
            <add name="IISWASOnlyAesProvider" type="Microsoft.ApplicationHost.AesProtectedConfigurationProvider" description="Uses an AES session key to encrypt and decrypt" keyContainerName="iisWasKey" cspProviderName="" useOAEP="false" useMachineContainer="true" sessionKey="AQIAAA5mAAAApAAARkFLRVdBU0tFWQ==" />
        </providers>
    </configProtectedData>
    <system.applicationHost>
        <applicationPools>
{adds}
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
            </site>
            <applicationDefaults applicationPool="DefaultAppPool" />
        </sites>
    </system.applicationHost>
</configuration>
"""


POOLS_APPPOOLIDENTITY = [
    '            <add name="DefaultAppPool" />',
    '            <add name="ShopPool" managedRuntimeVersion="v4.0">\n                <processModel identityType="ApplicationPoolIdentity" loadUserProfile="false" />\n            </add>',
]
POOLS_SPECIFIC = [
    '            <add name="DefaultAppPool" />',
    '            <add name="ShopPool" managedRuntimeVersion="v4.0">\n                <processModel identityType="SpecificUser" userName="CONTOSO\\svc-shop" password="[enc:IISWASOnlyAesProvider:RkFLRS1QQVNTV09SRA==:enc]" loadUserProfile="true" />\n            </add>',
]

# --- iis-admin-machineguid
P = "iis-admin-machineguid"
write(P, "event-7024.txt", EVENT_7024_TEXT)
write(P, "event-7024.xml", EVENT_7024_XML)
write(P, "event-7024-logon-failure.txt", EVENT_7024_LIST_LOGON)
write(P, "event-7024-other-service.txt", EVENT_7024_OTHER_SERVICE)
write(P, "machineguid.txt", reg_guid(G1))
write(P, "machineguid.reg", f"""Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography]
"MachineGuid"="{G1}"

""", utf16=True)
write(P, "machinekeys-old-guid.txt", dir_listing([f"{C23}_{G0}", f"{CFG}_{G0}", f"{WAS}_{G0}", f"{TSS}_{G1}"]))
write(P, "machinekeys-both-guids.txt", dir_listing([f"{C23}_{G0}", f"{C23}_{G1}", f"{CFG}_{G0}", f"{WAS}_{G0}"]))
write(P, "machinekeys-no-c23.txt", dir_listing([f"{CFG}_{G1}", f"{WAS}_{G1}", f"{TSS}_{G1}"]))
write(P, "machinekeys-current.txt", dir_listing([f"{C23}_{G1}", f"{CFG}_{G1}", f"{WAS}_{G1}"]))
# manual MachineGuid edit (vivekkum): new c23 under the new GUID, 7a4 (MS IIS DCOM Server) left under the old one
write(P, "machinekeys-manual-edit.txt", dir_listing([f"{C23}_{G1}", f"{DCOM}_{G0}", f"{CFG}_{G1}", f"{WAS}_{G1}"]))
write(P, "icacls-ok.txt", ICACLS_OK)
write(P, "icacls-system-read-only.txt", ICACLS_BROKEN)

# --- aspnet-autogen-keys
P = "aspnet-autogen-keys"
SHOP = "S-1-5-82-3521694234-755059382-4038971400-676492-3051792751"
DEFAULT = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"
write(P, "web-no-machinekey.config", NO_MACHINEKEY)
write(P, "web-isolateapps.config", machinekey('validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" validation="HMACSHA256"'))
write(P, "web-explicit.config", machinekey(f'validationKey="{VK_A}" decryptionKey="{DK_A}" validation="HMACSHA256" decryption="AES"', "4.8"))
# explicit hex keys with IsolateApps in the default legacy mode (Framework20SP1): the path still goes into the key
write(P, "web-explicit-isolateapps.config", machinekey(f'validationKey="{VK_A},IsolateApps" decryptionKey="{DK_A},IsolateApps" validation="HMACSHA256" decryption="AES"'))
write(P, "applicationHost.config", apphost(POOLS_APPPOOLIDENTITY))
write(P, "applicationHost-specificuser.config", apphost(POOLS_SPECIFIC))
write(P, "reg-user-missing.txt", MISSING)
write(P, "reg-machine-missing.txt", MISSING)
write(P, "reg-default-autogen.txt", f"""
HKEY_USERS\\{DEFAULT}\\Software\\Microsoft\\ASP.NET\\4.0.30319.0
    AutoGenKeyV4    REG_BINARY    {AUTOGEN}
    AutoGenKeyCreationTime    REG_QWORD    0x1d6e024dde19000
    AutoGenKeyFormat    REG_DWORD    0x1

""")
write(P, "reg-networkservice-autogen.txt", f"""
HKEY_USERS\\S-1-5-20\\Software\\Microsoft\\ASP.NET\\4.0.30319.0
    AutoGenKeyV4    REG_BINARY    {AUTOGEN}
    AutoGenKeyCreationTime    REG_QWORD    0x1daa59b6b3f2e80
    AutoGenKeyFormat    REG_DWORD    0x1

""")
write(P, "reg-machine-autogen.txt", f"""
HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\S-1-5-21-1004336348-1177238915-682003330-1108
    AutoGenKeyV4    REG_BINARY    {AUTOGEN}

""")

# --- webfarm-viewstate-mac
P = "webfarm-viewstate-mac"
write(P, "node-a-default.config", NO_MACHINEKEY)
write(P, "node-a.config", machinekey(f'validationKey="{VK_A}" decryptionKey="{DK_A}" validation="HMACSHA256" decryption="AES"'))
write(P, "node-b-same.config", machinekey(f'validationKey="{VK_A}" decryptionKey="{DK_A}" validation="HMACSHA256" decryption="AES"'))
write(P, "node-b-other-keys.config", machinekey(f'validationKey="{VK_B}" decryptionKey="{DK_B}" validation="HMACSHA256" decryption="AES"'))
write(P, "node-b-framework45.config", machinekey(f'validationKey="{VK_A}" decryptionKey="{DK_A}" validation="HMACSHA256" decryption="AES"', "4.5"))
write(P, "node-a-isolate.config", machinekey(f'validationKey="{VK_A},IsolateApps" decryptionKey="{DK_A},IsolateApps" validation="HMACSHA256" decryption="AES"'))
write(P, "node-b-isolate.config", machinekey(f'validationKey="{VK_A},IsolateApps" decryptionKey="{DK_A},IsolateApps" validation="HMACSHA256" decryption="AES"'))
write(P, "node-a-encrypted.config", ENCRYPTED)
write(P, "node-b-default.config", NO_MACHINEKEY)
write(P, "node-b-no-decryption.config", machinekey(f'validationKey="{VK_A}" decryptionKey="{DK_A}" validation="HMACSHA256"'))
write(P, "node-c-sha1.config", machinekey(f'validationKey="{VK_A}" decryptionKey="{DK_A}" validation="SHA1" decryption="AES"'))
write(P, "node-a-isolate-45.config", machinekey(f'validationKey="{VK_A},IsolateApps" decryptionKey="{DK_A},IsolateApps" validation="HMACSHA256" decryption="AES"', "4.8"))
write(P, "node-b-isolate-45.config", machinekey(f'validationKey="{VK_A},IsolateApps" decryptionKey="{DK_A},IsolateApps" validation="HMACSHA256" decryption="AES"', "4.8"))
digest = hashlib.sha256(bytes.fromhex(VK_A)).hexdigest()
write(P, "known-keys.txt", f"""# Publicly disclosed machine keys, as SHA-256 digests of the key bytes (test list).
# The DEADBEEF... validation key of node-a.config:
{digest}
# an unrelated raw key (hashed on load)
{"0123456789ABCDEF" * 4}
""", crlf=False)

# --- iis-shared-config-keys
P = "iis-shared-config-keys"
write(P, "applicationHost.config", apphost(POOLS_SPECIFIC))
write(P, "machineguid.txt", reg_guid(G1))
write(P, "machinekeys-fresh.txt", dir_listing([f"{TSS}_{G1}", f"{C23}_{G1}"]))
write(P, "machinekeys-other-guid.txt", dir_listing([f"{CFG}_{GS}", f"{WAS}_{GS}", f"{NET}_{GS}", f"{TSS}_{G1}"]))
write(P, "machinekeys-local.txt", dir_listing([f"{CFG}_{G1}", f"{WAS}_{G1}", f"{NET}_{G1}", f"{TSS}_{G1}"]))
write(P, "was-5059.xml", """<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>
 <Provider Name="Microsoft-Windows-WAS" EventSourceName="WAS"/>
 <EventID Qualifiers="49152">5059</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode>
 <Keywords>0x80000000000000</Keywords><TimeCreated SystemTime="2024-05-14T09:30:02.0000000Z"/>
 <EventRecordID>50211</EventRecordID><Correlation/><Execution ProcessID="1180" ThreadID="2210"/>
 <Channel>System</Channel><Computer>WEB02.contoso.local</Computer><Security/></System>
 <EventData><Data Name="AppPoolID">ShopPool</Data></EventData></Event>
""")
write(P, "was-5021.txt", """Event[0]:
  Log Name: System
  Source: Microsoft-Windows-WAS
  Date: 2024-05-14T09:29:58.000
  Event ID: 5021
  Task: N/A
  Level: Warning
  Opcode: Info
  Keyword: Classic
  User: N/A
  User Name: N/A
  Computer: WEB02.contoso.local
  Description: 
The identity of application pool ShopPool is invalid. The user name or password that is specified for the identity may be incorrect, or the user may not have batch logon rights. The data field contains the error number 2147943726 (0x8007052E).
""")
print("written under", os.path.normpath(ROOT))
